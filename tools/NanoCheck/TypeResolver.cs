using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace NanoCheck;

/// <summary>
/// Tells whether a type named in IL is a value type. Types defined in the checked assembly are
/// read from it; types of referenced assemblies are read from those assemblies when they sit
/// beside it (a project's build output), and otherwise count as reference types, except
/// mscorlib's value types.
/// </summary>
internal sealed class TypeResolver
{
    private static readonly HashSet<string> CorlibValueTypes = new()
    {
        "System.Boolean", "System.Char", "System.SByte", "System.Byte", "System.Int16", "System.UInt16",
        "System.Int32", "System.UInt32", "System.Int64", "System.UInt64", "System.Single", "System.Double",
        "System.IntPtr", "System.UIntPtr", "System.DateTime", "System.TimeSpan", "System.Guid", "System.Decimal",
    };

    private readonly string? _directory;
    private readonly Dictionary<string, HashSet<string>?> _valueTypesByAssembly = new(System.StringComparer.OrdinalIgnoreCase);

    /// <summary>Resolves referenced assemblies from <paramref name="directory"/> (null: none).</summary>
    public TypeResolver(string? directory) => _directory = directory;

    public bool IsValueType(MetadataReader md, EntityHandle handle)
    {
        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition:
                return IsValueTypeDefinition(md, md.GetTypeDefinition((TypeDefinitionHandle)handle));
            case HandleKind.TypeReference:
                string name = FullName(md, handle);
                if (CorlibValueTypes.Contains(name)) return true;
                var reference = md.GetTypeReference((TypeReferenceHandle)handle);
                if (reference.ResolutionScope.Kind != HandleKind.AssemblyReference) return false;
                string assembly = md.GetString(md.GetAssemblyReference((AssemblyReferenceHandle)reference.ResolutionScope).Name);
                var valueTypes = ValueTypesOf(assembly);
                return valueTypes != null && valueTypes.Contains(name);
            default:
                return false; // arrays (jagged) and anything else built from a signature
        }
    }

    public string Describe(MetadataReader md, EntityHandle handle)
    {
        if (handle.Kind != HandleKind.TypeSpecification) return FullName(md, handle);
        var r = md.GetBlobReader(md.GetTypeSpecification((TypeSpecificationHandle)handle).Signature);
        return new SignatureDecoder<string, object?>(new TypeShapeProvider(md), md, null).DecodeType(ref r);
    }

    public static string FullName(MetadataReader md, EntityHandle handle)
    {
        if (handle.Kind == HandleKind.TypeDefinition)
        {
            var t = md.GetTypeDefinition((TypeDefinitionHandle)handle);
            if (t.IsNested) return FullName(md, t.GetDeclaringType()) + "+" + md.GetString(t.Name);
            return Join(md.GetString(t.Namespace), md.GetString(t.Name));
        }
        if (handle.Kind == HandleKind.TypeReference)
        {
            var r = md.GetTypeReference((TypeReferenceHandle)handle);
            if (r.ResolutionScope.Kind == HandleKind.TypeReference)
                return FullName(md, (TypeReferenceHandle)r.ResolutionScope) + "+" + md.GetString(r.Name);
            return Join(md.GetString(r.Namespace), md.GetString(r.Name));
        }
        return handle.Kind.ToString();
    }

    private static string Join(string ns, string name) => ns.Length == 0 ? name : ns + "." + name;

    private static bool IsValueTypeDefinition(MetadataReader md, TypeDefinition t)
    {
        if (t.BaseType.IsNil) return false;
        string baseName = FullName(md, t.BaseType);
        return baseName == "System.ValueType" || baseName == "System.Enum";
    }

    private HashSet<string>? ValueTypesOf(string assembly)
    {
        if (_valueTypesByAssembly.TryGetValue(assembly, out var known)) return known;
        HashSet<string>? found = null;
        string? path = _directory == null ? null : Path.Combine(_directory, assembly + ".dll");
        if (path != null && File.Exists(path))
        {
            using var pe = new PEReader(ImmutableArray.Create(File.ReadAllBytes(path)));
            var md = pe.GetMetadataReader();
            found = new HashSet<string>();
            foreach (var th in md.TypeDefinitions)
            {
                if (IsValueTypeDefinition(md, md.GetTypeDefinition(th))) found.Add(FullName(md, th));
            }
        }
        _valueTypesByAssembly[assembly] = found;
        return found;
    }
}
