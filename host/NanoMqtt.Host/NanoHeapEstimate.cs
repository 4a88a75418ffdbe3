using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace NanoMqtt.Host;

/// <summary>
/// What an object graph costs on the managed heap of the 32-bit nanoCLR, estimated on the host by
/// walking the graph with reflection and pricing each object the way nf-interpreter lays it out.
/// The host's own figure (64-bit references, 16-byte object headers, structs inline) says little
/// about the device: there every field is a 12-byte heap block, and a struct is a separate object.
/// </summary>
/// <remarks>
/// The model (nf-interpreter: CLR_RT_HeapBlock is 12 bytes; every allocation is whole blocks):
/// <list type="bullet">
/// <item>class instance with N instance fields (inherited included): 12 × (1 + N);</item>
/// <item>a struct field or array element: its 12-byte slot plus a separate 12 × (1 + M) object
/// for the struct's M fields (nested structs alike);</item>
/// <item>array of n elements of e bytes: 12 × ⌈(20 + n·e) / 12⌉, with e = 1 (bool, byte),
/// 2 (char, short), 4 (int, uint, float, int enums), 8 (long, double), 12 (references, structs);</item>
/// <item>string of u UTF-8 bytes: 12 × ⌈(13 + u) / 12⌉;</item>
/// <item>boxed primitive: 24; delegate: 36.</item>
/// </list>
/// Calibrated against nanoCLR's own figure (GC.Run before and after) for the session engine at
/// defaults: see the budget test, which prints both.
/// </remarks>
public static class NanoHeapEstimate
{
    /// <summary>The types of the library (protocol, storage, session, link) whose statics count as its heap.</summary>
    public static Type[] LibraryTypes() => typeof(NanoMqtt.Session.SessionEngine).Assembly.GetTypes()
        .Where(t => t.Namespace is "NanoMqtt.Protocol" or "NanoMqtt.Storage" or "NanoMqtt.Session" or "NanoMqtt.Link" or "NanoMqtt.Runtime")
        .ToArray();

    /// <summary>One kind of object in the graph: how many, and what they cost together.</summary>
    public readonly record struct Line(string Type, int Count, long Bytes);

    /// <summary>The estimate: total bytes and a line per type, largest first.</summary>
    public sealed record Result(long Bytes, IReadOnlyList<Line> ByType)
    {
        public override string ToString() => string.Join(Environment.NewLine,
            ByType.Select(l => $"{l.Bytes,7:N0} B  {l.Count,4} × {l.Type}").Prepend($"{Bytes:N0} bytes on nanoCLR (estimate)"));
    }

    private const int Block = 12;
    private const int ArrayHeader = 20;

    /// <summary>Everything reachable from <paramref name="roots"/> now: take it before building the
    /// component, so what the component later puts into them (a file store keeps the journal's file
    /// names, say) is still counted as the component's.</summary>
    public static HashSet<object> Existing(params object[] roots)
    {
        var existing = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var r in roots) Walk(r, existing, null);
        return existing;
    }

    /// <summary>
    /// Prices everything reachable from <paramref name="root"/> and from the static fields of the
    /// types in <paramref name="staticsOf"/> (nanoCLR runs static constructors at boot, but what they
    /// make is still heap the component needs), except the <paramref name="existing"/> objects.
    /// </summary>
    public static Result Of(object root, Type[] staticsOf, HashSet<object> existing)
    {
        var lines = new Dictionary<string, (int Count, long Bytes)>();
        var seen = new HashSet<object>(existing, ReferenceEqualityComparer.Instance);
        Walk(root, seen, lines);
        foreach (var type in staticsOf)
        {
            foreach (var f in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            {
                if (f.IsLiteral || f.FieldType.IsValueType) continue;
                var value = f.GetValue(null);
                if (value != null) Walk(value, seen, lines);
            }
        }
        var byType = lines.Select(kv => new Line(kv.Key, kv.Value.Count, kv.Value.Bytes)).OrderByDescending(l => l.Bytes).ToList();
        return new Result(byType.Sum(l => l.Bytes), byType);
    }

    private static void Walk(object start, HashSet<object> seen, Dictionary<string, (int, long)>? lines)
    {
        var pending = new Stack<object>();
        pending.Push(start);
        while (pending.Count > 0)
        {
            object o = pending.Pop();
            if (!seen.Add(o)) continue;
            Type t = o.GetType();
            if (typeof(Delegate).IsAssignableFrom(t) || t.IsPointer || o is Type || o is MemberInfo) continue;
            if (lines != null) Add(lines, Name(t), Cost(o));
            if (o is string) continue;
            if (o is Array a)
            {
                if (t.GetElementType()!.IsPrimitive || t.GetElementType()!.IsEnum) continue;
                foreach (var element in a) PushReferences(element, pending);
                continue;
            }
            foreach (var f in InstanceFields(t)) PushReferences(f.GetValue(o), pending);
        }
    }

    // A struct's references live in its own fields; follow them without counting the struct twice.
    private static void PushReferences(object? value, Stack<object> pending)
    {
        if (value == null) return;
        Type t = value.GetType();
        if (!t.IsValueType)
        {
            pending.Push(value);
            return;
        }
        if (t.IsPrimitive || t.IsEnum) return;
        foreach (var f in InstanceFields(t)) PushReferences(f.GetValue(value), pending);
    }

    private static void Add(Dictionary<string, (int Count, long Bytes)> lines, string type, long bytes)
    {
        lines.TryGetValue(type, out var line);
        lines[type] = (line.Count + 1, line.Bytes + bytes);
    }

    /// <summary>Bytes one object costs on nanoCLR, the structs it holds included.</summary>
    public static long Cost(object o)
    {
        Type t = o.GetType();
        if (o is string s) return Blocks(13 + System.Text.Encoding.UTF8.GetByteCount(s));
        if (t.IsArray)
        {
            var a = (Array)o;
            Type element = t.GetElementType()!;
            long bytes = Blocks(ArrayHeader + (long)a.Length * ElementSize(element));
            if (IsStruct(element)) bytes += a.Length * StructObject(element);
            return bytes;
        }
        if (t.IsValueType) return 2 * Block; // boxed
        return Block * (1 + InstanceFields(t).Count) + InstanceFields(t).Where(f => IsStruct(f.FieldType)).Sum(f => StructObject(f.FieldType));
    }

    private static long StructObject(Type t) =>
        Block * (1 + InstanceFields(t).Count) + InstanceFields(t).Where(f => IsStruct(f.FieldType)).Sum(f => StructObject(f.FieldType));

    private static bool IsStruct(Type t) => t.IsValueType && !t.IsPrimitive && !t.IsEnum;

    private static int ElementSize(Type t)
    {
        if (t.IsEnum) t = Enum.GetUnderlyingType(t);
        if (t == typeof(bool) || t == typeof(byte) || t == typeof(sbyte)) return 1;
        if (t == typeof(char) || t == typeof(short) || t == typeof(ushort)) return 2;
        if (t == typeof(int) || t == typeof(uint) || t == typeof(float)) return 4;
        if (t == typeof(long) || t == typeof(ulong) || t == typeof(double)) return 8;
        return Block;
    }

    private static long Blocks(long bytes) => (bytes + Block - 1) / Block * Block;

    private static readonly ConditionalWeakTable<Type, List<FieldInfo>> Fields = new();

    private static List<FieldInfo> InstanceFields(Type t) => Fields.GetValue(t, type =>
    {
        var all = new List<FieldInfo>();
        for (Type? x = type; x != null && x != typeof(object) && x != typeof(ValueType); x = x.BaseType)
            all.AddRange(x.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly));
        return all;
    });

    private static string Name(Type t) => t.IsArray ? Name(t.GetElementType()!) + "[]" : t.Name;
}
