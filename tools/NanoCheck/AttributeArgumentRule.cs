using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace NanoCheck;

/// <summary>
/// A null string among a custom attribute's arguments (<c>[DataRow("a", null)]</c>) compiles, and
/// the MetadataProcessor then stops with an ArgumentNullException while writing the attribute, so
/// the assembly never reaches nanoCLR.
/// </summary>
internal static class AttributeArgumentRule
{
    public static void Check(MetadataReader md, System.Action<string> report)
    {
        var provider = new ArgumentTypes();
        foreach (var h in md.CustomAttributes)
        {
            var attribute = md.GetCustomAttribute(h);
            CustomAttributeValue<string> value;
            try
            {
                value = attribute.DecodeValue(provider);
            }
            catch (System.BadImageFormatException)
            {
                continue;
            }
            bool hasNull = false;
            foreach (var a in value.FixedArguments) hasNull |= HoldsNull(a);
            foreach (var a in value.NamedArguments) hasNull |= HoldsNull(new CustomAttributeTypedArgument<string>(a.Type, a.Value));
            if (hasNull) report($"a null string in an argument of {AttributeName(md, attribute)} on {Target(md, attribute.Parent)}");
        }
    }

    private static bool HoldsNull(CustomAttributeTypedArgument<string> a)
    {
        if (a.Value is ImmutableArray<CustomAttributeTypedArgument<string>> items)
        {
            foreach (var item in items)
            {
                if (HoldsNull(item)) return true;
            }
            return false;
        }
        return a.Value == null && (a.Type == "string" || a.Type == "object");
    }

    private static string AttributeName(MetadataReader md, CustomAttribute attribute)
    {
        EntityHandle type = attribute.Constructor.Kind == HandleKind.MemberReference
            ? md.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent
            : md.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType();
        return type.Kind == HandleKind.TypeReference ? md.GetString(md.GetTypeReference((TypeReferenceHandle)type).Name)
            : type.Kind == HandleKind.TypeDefinition ? md.GetString(md.GetTypeDefinition((TypeDefinitionHandle)type).Name) : "an attribute";
    }

    private static string Target(MetadataReader md, EntityHandle parent)
    {
        if (parent.Kind != HandleKind.MethodDefinition) return parent.Kind.ToString();
        var method = md.GetMethodDefinition((MethodDefinitionHandle)parent);
        return md.GetString(md.GetTypeDefinition(method.GetDeclaringType()).Name) + "." + md.GetString(method.Name);
    }

    // Type names are enough to tell strings and objects from the rest; enums are read as Int32.
    private sealed class ArgumentTypes : ICustomAttributeTypeProvider<string>
    {
        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode switch
        {
            PrimitiveTypeCode.String => "string",
            PrimitiveTypeCode.Object => "object",
            _ => typeCode.ToString(),
        };

        public string GetSystemType() => "System.Type";
        public string GetSZArrayType(string elementType) => elementType + "[]";
        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => reader.GetString(reader.GetTypeDefinition(handle).Name);
        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => reader.GetString(reader.GetTypeReference(handle).Name);
        public string GetTypeFromSerializedName(string name) => name;
        public PrimitiveTypeCode GetUnderlyingEnumType(string type) => PrimitiveTypeCode.Int32;
        public bool IsSystemType(string type) => type == "System.Type" || type == "Type";
    }
}
