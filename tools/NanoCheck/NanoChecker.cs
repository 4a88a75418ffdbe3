using System.Collections.Generic;
using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace NanoCheck;

public enum ViolationKind
{
    GenericTypeDefinition = 1,
    GenericMethodDefinition = 2,
    GenericInstantiation = 3,
    MultidimensionalArray = 4,
    UnsafeCode = 5,
    ForeignAssemblyReference = 6,
    UnfilledReferenceArray = 7,
    StringTableNearLimit = 8,
    NullAttributeArgument = 9,
}

public readonly record struct Violation(ViolationKind Kind, string Where);

/// <summary>
/// Finds what the C# compiler accepts against nano mscorlib but nanoFramework 1.x cannot run:
/// generics (definitions and instantiations, which the MetadataProcessor rejects or the runtime
/// mis-resolves), multidimensional arrays, pointers and pinned locals, and references to any
/// assembly outside the allowed set; and arrays of a reference type whose elements could be read
/// before they are assigned (<see cref="ReferenceArrayRule"/>).
/// </summary>
public static class NanoChecker
{
    /// <summary>Checks <paramref name="image"/>; referenced assemblies are looked up in
    /// <paramref name="referenceDirectory"/> when one is given.</summary>
    public static IReadOnlyList<Violation> Check(byte[] image, IEnumerable<string> allowedReferences, string? referenceDirectory = null)
    {
        using var pe = new PEReader(ImmutableArray.Create(image));
        var md = pe.GetMetadataReader();
        var found = new List<Violation>();
        var seen = new HashSet<Violation>();
        void Add(ViolationKind kind, string where)
        {
            var v = new Violation(kind, where);
            if (seen.Add(v)) found.Add(v);
        }

        var allowed = new HashSet<string>(allowedReferences, System.StringComparer.OrdinalIgnoreCase);
        foreach (var h in md.AssemblyReferences)
        {
            string name = md.GetString(md.GetAssemblyReference(h).Name);
            if (!allowed.Contains(name)) Add(ViolationKind.ForeignAssemblyReference, name);
        }

        var types = new TypeShapeProvider(md);
        void Scan(string where, System.Func<SignatureDecoder<string, object?>, string> decode)
        {
            types.Problems.Clear();
            var decoder = new SignatureDecoder<string, object?>(types, md, null);
            string shown = decode(decoder);
            foreach (var kind in types.Problems) Add(kind, $"{where}: {shown}");
        }

        foreach (var th in md.TypeDefinitions)
        {
            var type = md.GetTypeDefinition(th);
            string typeName = types.GetTypeFromDefinition(md, th, 0);
            if (type.GetGenericParameters().Count > 0) Add(ViolationKind.GenericTypeDefinition, typeName);
            if (!type.BaseType.IsNil) Scan($"base type of {typeName}", d => DecodeEntity(md, types, d, type.BaseType));
            foreach (var ih in type.GetInterfaceImplementations())
                Scan($"interface of {typeName}", d => DecodeEntity(md, types, d, md.GetInterfaceImplementation(ih).Interface));

            foreach (var fh in type.GetFields())
            {
                var field = md.GetFieldDefinition(fh);
                Scan($"field {typeName}.{md.GetString(field.Name)}", d => { var r = md.GetBlobReader(field.Signature); return d.DecodeFieldSignature(ref r); });
            }
            foreach (var mh in type.GetMethods())
            {
                var method = md.GetMethodDefinition(mh);
                string methodName = $"{typeName}.{md.GetString(method.Name)}";
                if (method.GetGenericParameters().Count > 0) Add(ViolationKind.GenericMethodDefinition, methodName);
                Scan($"method {methodName}", d => { var r = md.GetBlobReader(method.Signature); return Describe(d.DecodeMethodSignature(ref r)); });
                if (method.RelativeVirtualAddress != 0)
                {
                    var body = pe.GetMethodBody(method.RelativeVirtualAddress);
                    if (!body.LocalSignature.IsNil)
                    {
                        var locals = md.GetStandaloneSignature(body.LocalSignature);
                        Scan($"locals of {methodName}", d => { var r = md.GetBlobReader(locals.Signature); return string.Join(", ", d.DecodeLocalSignature(ref r)); });
                    }
                }
            }
            foreach (var ph in type.GetProperties())
            {
                var prop = md.GetPropertyDefinition(ph);
                Scan($"property {typeName}.{md.GetString(prop.Name)}", d => { var r = md.GetBlobReader(prop.Signature); return Describe(d.DecodeMethodSignature(ref r)); });
            }
        }

        // Code refers to instantiated generics and foreign members through these tables,
        // whatever the declaring signatures say.
        foreach (var mh in md.MemberReferences)
        {
            var member = md.GetMemberReference(mh);
            string memberName = md.GetString(member.Name);
            Scan($"reference to {memberName}", d => DecodeEntity(md, types, d, member.Parent));
            if (member.GetKind() == MemberReferenceKind.Field)
                Scan($"reference to field {memberName}", d => { var r = md.GetBlobReader(member.Signature); return d.DecodeFieldSignature(ref r); });
            else
                Scan($"reference to method {memberName}", d => { var r = md.GetBlobReader(member.Signature); return Describe(d.DecodeMethodSignature(ref r)); });
        }
        for (int row = 1; row <= md.GetTableRowCount(TableIndex.TypeSpec); row++)
        {
            var spec = md.GetTypeSpecification(MetadataTokens.TypeSpecificationHandle(row));
            Scan("type used in code", d => { var r = md.GetBlobReader(spec.Signature); return d.DecodeType(ref r); });
        }
        for (int row = 1; row <= md.GetTableRowCount(TableIndex.MethodSpec); row++)
        {
            var spec = md.GetMethodSpecification(MetadataTokens.MethodSpecificationHandle(row));
            Add(ViolationKind.GenericInstantiation, $"generic method call: {DescribeMethodOwner(md, spec.Method)}");
        }
        for (int row = 1; row <= md.GetTableRowCount(TableIndex.StandAloneSig); row++)
        {
            var sig = md.GetStandaloneSignature(MetadataTokens.StandaloneSignatureHandle(row));
            if (sig.GetKind() == StandaloneSignatureKind.Method)
                Add(ViolationKind.UnsafeCode, "indirect call through a function pointer");
        }
        ReferenceArrayRule.Check(pe, md, new TypeResolver(referenceDirectory), where => Add(ViolationKind.UnfilledReferenceArray, where));
        AttributeArgumentRule.Check(md, where => Add(ViolationKind.NullAttributeArgument, where));
        int strings = StringTableRule.Estimate(md);
        if (strings > StringTableRule.Limit)
            Add(ViolationKind.StringTableNearLimit, $"names and string literals take about {strings} bytes of the MetadataProcessor's string table (at most {StringTableRule.Limit}): split the assembly");
        return found;
    }

    private static string DecodeEntity(MetadataReader md, TypeShapeProvider types, SignatureDecoder<string, object?> d, EntityHandle h)
    {
        switch (h.Kind)
        {
            case HandleKind.TypeDefinition: return types.GetTypeFromDefinition(md, (TypeDefinitionHandle)h, 0);
            case HandleKind.TypeReference: return types.GetTypeFromReference(md, (TypeReferenceHandle)h, 0);
            case HandleKind.TypeSpecification:
                var r = md.GetBlobReader(md.GetTypeSpecification((TypeSpecificationHandle)h).Signature);
                return d.DecodeType(ref r);
            default: return h.Kind.ToString();
        }
    }

    private static string DescribeMethodOwner(MetadataReader md, EntityHandle h) => h.Kind switch
    {
        HandleKind.MethodDefinition => md.GetString(md.GetMethodDefinition((MethodDefinitionHandle)h).Name),
        HandleKind.MemberReference => md.GetString(md.GetMemberReference((MemberReferenceHandle)h).Name),
        _ => h.Kind.ToString(),
    };

    private static string Describe(MethodSignature<string> sig) =>
        $"{sig.ReturnType}({string.Join(", ", sig.ParameterTypes)})";
}
