using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoCheck;

namespace NanoMqtt.Build.Tests;

/// <summary>
/// One type writes the session's journal records: read from the library's IL, every call of the
/// journal's write methods (BeginRecord, CommitRecord, Append) comes from SessionRecords.
/// </summary>
[TestClass]
public class RecordWriterRuleTests
{
    private static readonly string[] WriteMethods = { "BeginRecord", "CommitRecord", "Append" };

    /// <summary>"Caller.Method" for each call of a journal write method from outside the record writer.</summary>
    public static List<string> ForeignWriters(byte[] image)
    {
        using var pe = new PEReader(ImmutableArray.Create(image));
        var md = pe.GetMetadataReader();
        var found = new List<string>();
        foreach (var th in md.TypeDefinitions)
        {
            var type = md.GetTypeDefinition(th);
            string typeName = md.GetString(type.Name);
            if (typeName is "SessionRecords" or "Journal") continue;
            foreach (var mh in type.GetMethods())
            {
                var method = md.GetMethodDefinition(mh);
                if (method.RelativeVirtualAddress == 0) continue;
                foreach (var ins in IlCode.Decode(pe.GetMethodBody(method.RelativeVirtualAddress).GetILReader()))
                {
                    if ((ins.Op == ILOpCode.Call || ins.Op == ILOpCode.Callvirt) && IsJournalWrite(md, MetadataTokens.EntityHandle(ins.Operand)))
                        found.Add($"{typeName}.{md.GetString(method.Name)}");
                }
            }
        }
        return found;
    }

    private static bool IsJournalWrite(MetadataReader md, EntityHandle handle)
    {
        string name;
        string owner;
        if (handle.Kind == HandleKind.MethodDefinition)
        {
            var def = md.GetMethodDefinition((MethodDefinitionHandle)handle);
            name = md.GetString(def.Name);
            owner = md.GetString(md.GetTypeDefinition(def.GetDeclaringType()).Name);
        }
        else if (handle.Kind == HandleKind.MemberReference)
        {
            var reference = md.GetMemberReference((MemberReferenceHandle)handle);
            name = md.GetString(reference.Name);
            if (reference.Parent.Kind != HandleKind.TypeReference) return false;
            owner = md.GetString(md.GetTypeReference((TypeReferenceHandle)reference.Parent).Name);
        }
        else return false;
        return owner == "Journal" && WriteMethods.Contains(name);
    }

    [TestMethod]
    public void OnlySessionRecordsWritesRecordsInTheLibrary()
    {
        string core = typeof(NanoMqtt.Session.SessionRecords).Assembly.Location;
        var foreign = ForeignWriters(File.ReadAllBytes(core));
        Assert.AreEqual(0, foreign.Count, "journal records written outside SessionRecords: " + string.Join(", ", foreign));
    }

    [TestMethod]
    public void AnotherWriterIsFound()
    {
        const string source = @"
namespace NanoMqtt.Storage { public class Journal { public int Append(int t, byte[] b, int o, int c) { return 0; } public int BeginRecord(int c) { return 0; } } }
namespace NanoMqtt.Session
{
    public class SessionRecords { public int Write(NanoMqtt.Storage.Journal j) { return j.BeginRecord(1); } }
    public class Engine { public int Shortcut(NanoMqtt.Storage.Journal j) { return j.Append(4, new byte[2], 0, 2); } }
}";
        var compilation = CSharpCompilation.Create("Probe", new[] { CSharpSyntaxTree.ParseText(source) },
            new[] { MetadataReference.CreateFromFile(BuildPaths.NanoMscorlib) },
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var stream = new MemoryStream();
        Assert.IsTrue(compilation.Emit(stream).Success);
        CollectionAssert.AreEqual(new[] { "Engine.Shortcut" }, ForeignWriters(stream.ToArray()));
    }
}
