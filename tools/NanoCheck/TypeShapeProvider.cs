using System.Collections.Generic;
using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace NanoCheck;

/// <summary>Turns signatures into readable type names and notes every construct nano cannot run.</summary>
internal sealed class TypeShapeProvider : ISignatureTypeProvider<string, object?>
{
    private readonly MetadataReader _md;
    public readonly List<ViolationKind> Problems = new();

    public TypeShapeProvider(MetadataReader md) => _md = md;

    public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();

    public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
    {
        var t = reader.GetTypeDefinition(handle);
        string name = reader.GetString(t.Name);
        if (t.IsNested) return GetTypeFromDefinition(reader, t.GetDeclaringType(), 0) + "+" + name;
        string ns = reader.GetString(t.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
    {
        var t = reader.GetTypeReference(handle);
        string ns = reader.GetString(t.Namespace);
        string name = reader.GetString(t.Name);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
        DecodeSpec(reader, genericContext, handle);

    private string DecodeSpec(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle)
    {
        var r = reader.GetBlobReader(reader.GetTypeSpecification(handle).Signature);
        return new SignatureDecoder<string, object?>(this, reader, genericContext).DecodeType(ref r);
    }

    public string GetSZArrayType(string elementType) => elementType + "[]";

    public string GetArrayType(string elementType, ArrayShape shape)
    {
        Problems.Add(ViolationKind.MultidimensionalArray);
        return elementType + "[" + new string(',', shape.Rank - 1) + "]";
    }

    public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments)
    {
        Problems.Add(ViolationKind.GenericInstantiation);
        return genericType + "<" + string.Join(", ", typeArguments) + ">";
    }

    public string GetGenericMethodParameter(object? genericContext, int index)
    {
        Problems.Add(ViolationKind.GenericMethodDefinition);
        return "!!" + index;
    }

    public string GetGenericTypeParameter(object? genericContext, int index)
    {
        Problems.Add(ViolationKind.GenericTypeDefinition);
        return "!" + index;
    }

    public string GetPointerType(string elementType)
    {
        Problems.Add(ViolationKind.UnsafeCode);
        return elementType + "*";
    }

    public string GetFunctionPointerType(MethodSignature<string> signature)
    {
        Problems.Add(ViolationKind.UnsafeCode);
        return "delegate*";
    }

    public string GetPinnedType(string elementType)
    {
        Problems.Add(ViolationKind.UnsafeCode);
        return elementType + " pinned";
    }

    public string GetByReferenceType(string elementType) => elementType + "&";
    public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;
}
