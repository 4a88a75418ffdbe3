using System.Collections.Generic;
using System.Reflection.Emit;
using System.Reflection.Metadata;

namespace NanoCheck;

/// <summary>One IL instruction: its opcode and, where it has one, its operand (token, index or constant).</summary>
public readonly record struct Instruction(ILOpCode Op, int Operand);

/// <summary>Decodes a method body's IL into instructions, for rules that read code.</summary>
public static class IlCode
{
    private static readonly Dictionary<ushort, OperandType> Operands = BuildOperandTable();

    public static List<Instruction> Decode(BlobReader il)
    {
        var code = new List<Instruction>();
        while (il.RemainingBytes > 0)
        {
            ushort value = il.ReadByte();
            if (value == 0xFE) value = (ushort)(0xFE00 | il.ReadByte());
            int operand = 0;
            switch (Operands[value])
            {
                case OperandType.InlineNone: break;
                case OperandType.ShortInlineBrTarget: operand = il.ReadSByte(); break;
                case OperandType.ShortInlineI: operand = il.ReadSByte(); break;
                case OperandType.ShortInlineVar: operand = il.ReadByte(); break;
                case OperandType.InlineVar: operand = il.ReadUInt16(); break;
                case OperandType.InlineI8: il.ReadInt64(); break;
                case OperandType.InlineR: il.ReadDouble(); break;
                case OperandType.ShortInlineR: il.ReadSingle(); break;
                case OperandType.InlineSwitch:
                    int targets = il.ReadInt32();
                    for (int k = 0; k < targets; k++) il.ReadInt32();
                    break;
                default: operand = il.ReadInt32(); break;
            }
            code.Add(new Instruction((ILOpCode)value, operand));
        }
        return code;
    }

    private static Dictionary<ushort, OperandType> BuildOperandTable()
    {
        var table = new Dictionary<ushort, OperandType>();
        foreach (var field in typeof(OpCodes).GetFields())
        {
            if (field.GetValue(null) is OpCode op) table[(ushort)op.Value] = op.OperandType;
        }
        return table;
    }
}
