using System.Collections.Generic;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace NanoCheck;

/// <summary>
/// On nanoCLR the elements of a new array of a reference type are not null until assigned, and
/// reading one crashes the runtime. This rule reads every method's IL and accepts a <c>newarr</c>
/// of a reference type only when no element can be read unassigned:
/// <list type="bullet">
/// <item>an empty array (<c>new T[0]</c>);</item>
/// <item>an array initializer that stores every element (<c>new[] { a, b }</c>);</item>
/// <item>an array stored (local, field or static) and passed straight on to
/// <c>NanoMqtt.Runtime.ReferenceArray.FillWithNulls</c>.</item>
/// </list>
/// </summary>
internal static class ReferenceArrayRule
{
    public const string FillType = "NanoMqtt.Runtime.ReferenceArray";
    public const string FillMethod = "FillWithNulls";

    /// <summary>Reports each method of <paramref name="md"/> that makes an unfilled reference-type array.</summary>
    public static void Check(PEReader pe, MetadataReader md, TypeResolver resolve, System.Action<string> report)
    {
        foreach (var th in md.TypeDefinitions)
        {
            var type = md.GetTypeDefinition(th);
            foreach (var mh in type.GetMethods())
            {
                var method = md.GetMethodDefinition(mh);
                if (method.RelativeVirtualAddress == 0) continue;
                var code = IlCode.Decode(pe.GetMethodBody(method.RelativeVirtualAddress).GetILReader());
                for (int i = 0; i < code.Count; i++)
                {
                    if (code[i].Op != ILOpCode.Newarr) continue;
                    var element = MetadataTokens.EntityHandle(code[i].Operand);
                    if (resolve.IsValueType(md, element) || IsSafe(md, code, i)) continue;
                    report($"{resolve.Describe(md, th)}.{md.GetString(method.Name)}: new {resolve.Describe(md, element)}[] " +
                           $"is not passed to {FillType}.{FillMethod} right after it is made");
                }
            }
        }
    }

    private static bool IsSafe(MetadataReader md, List<Instruction> code, int at)
    {
        int length = at > 0 ? ConstantLoaded(code[at - 1]) : -1;
        if (length == 0) return true;
        if (length > 0 && StoresEveryElement(code, at + 1, length)) return true;
        return IsFilled(md, code, at + 1);
    }

    // The compiler writes an initializer as "dup; ldc.i4 k; <value>; stelem" for k = 0, 1, ...
    private static bool StoresEveryElement(List<Instruction> code, int from, int length)
    {
        int next = 0;
        for (int j = from; j + 1 < code.Count && next < length; j++)
        {
            // Values may use temporaries (stloc/ldloca), so only the end of the method stops the search.
            if (code[j].Op == ILOpCode.Ret) return false;
            if (code[j].Op == ILOpCode.Dup && ConstantLoaded(code[j + 1]) == next) next++;
        }
        return next == length;
    }

    // "[dup;] store X; load X; call FillWithNulls" or "dup; call FillWithNulls".
    private static bool IsFilled(MetadataReader md, List<Instruction> code, int from)
    {
        int j = SkipNops(code, from);
        if (j >= code.Count) return false;
        if (code[j].Op == ILOpCode.Dup)
        {
            j = SkipNops(code, j + 1);
            if (IsFillCall(md, code, j)) return true;
            if (j >= code.Count) return false;
        }
        var store = code[j];
        if (!IsStore(store.Op)) return false;
        j = SkipNops(code, j + 1);
        if (store.Op == ILOpCode.Stfld)
        {
            if (j >= code.Count || code[j].Op != ILOpCode.Ldarg_0) return false;
            j = SkipNops(code, j + 1);
            if (j >= code.Count || code[j].Op != ILOpCode.Ldfld || code[j].Operand != store.Operand) return false;
        }
        else if (j >= code.Count || !Loads(code[j], store)) return false;
        j = SkipNops(code, j + 1);
        // A debug build passes the argument through a temporary: "stloc t; ldloc t".
        if (j + 1 < code.Count && LocalStored(code[j]) >= 0 && LocalLoaded(code[j + 1]) == LocalStored(code[j])) j += 2;
        return IsFillCall(md, code, SkipNops(code, j));
    }

    private static bool Loads(Instruction load, Instruction store)
    {
        if (store.Op == ILOpCode.Stsfld) return load.Op == ILOpCode.Ldsfld && load.Operand == store.Operand;
        return LocalLoaded(load) == LocalStored(store) && LocalStored(store) >= 0;
    }

    private static bool IsFillCall(MetadataReader md, List<Instruction> code, int j)
    {
        if (j >= code.Count || code[j].Op != ILOpCode.Call) return false;
        var handle = MetadataTokens.EntityHandle(code[j].Operand);
        string name;
        EntityHandle owner;
        if (handle.Kind == HandleKind.MethodDefinition)
        {
            var def = md.GetMethodDefinition((MethodDefinitionHandle)handle);
            name = md.GetString(def.Name);
            owner = def.GetDeclaringType();
        }
        else if (handle.Kind == HandleKind.MemberReference)
        {
            var reference = md.GetMemberReference((MemberReferenceHandle)handle);
            name = md.GetString(reference.Name);
            owner = reference.Parent;
        }
        else return false;
        return name == FillMethod && TypeResolver.FullName(md, owner) == FillType;
    }

    private static int SkipNops(List<Instruction> code, int j)
    {
        while (j < code.Count && code[j].Op == ILOpCode.Nop) j++;
        return j;
    }

    private static bool IsStore(ILOpCode op) => op == ILOpCode.Stfld || op == ILOpCode.Stsfld || LocalStored(new Instruction(op, 0)) >= 0
        || op == ILOpCode.Stloc_s || op == ILOpCode.Stloc;

    private static int LocalStored(Instruction ins) => ins.Op switch
    {
        ILOpCode.Stloc_0 => 0, ILOpCode.Stloc_1 => 1, ILOpCode.Stloc_2 => 2, ILOpCode.Stloc_3 => 3,
        ILOpCode.Stloc_s or ILOpCode.Stloc => ins.Operand,
        _ => -1,
    };

    private static int LocalLoaded(Instruction ins) => ins.Op switch
    {
        ILOpCode.Ldloc_0 => 0, ILOpCode.Ldloc_1 => 1, ILOpCode.Ldloc_2 => 2, ILOpCode.Ldloc_3 => 3,
        ILOpCode.Ldloc_s or ILOpCode.Ldloc => ins.Operand,
        _ => -2,
    };

    private static int ConstantLoaded(Instruction ins) => ins.Op switch
    {
        ILOpCode.Ldc_i4_0 => 0, ILOpCode.Ldc_i4_1 => 1, ILOpCode.Ldc_i4_2 => 2, ILOpCode.Ldc_i4_3 => 3,
        ILOpCode.Ldc_i4_4 => 4, ILOpCode.Ldc_i4_5 => 5, ILOpCode.Ldc_i4_6 => 6, ILOpCode.Ldc_i4_7 => 7,
        ILOpCode.Ldc_i4_8 => 8, ILOpCode.Ldc_i4_s or ILOpCode.Ldc_i4 => ins.Operand,
        _ => -1,
    };
}
