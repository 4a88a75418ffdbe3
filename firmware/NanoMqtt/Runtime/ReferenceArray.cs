namespace NanoMqtt.Runtime
{
    /// <summary>
    /// On nanoCLR the elements of a new array of a reference type are not null until something is
    /// stored in them: comparing one (even with null) reads a bad pointer and crashes the runtime,
    /// and <c>Array.Copy</c> from such an array spreads the problem. Every such array is passed
    /// here right after <c>new</c>; the nano check refuses one that is not.
    /// </summary>
    public static class ReferenceArray
    {
        /// <summary>Stores null in every element of <paramref name="array"/> (a <c>string[]</c>,
        /// <c>byte[][]</c> or any array of a class type) and returns nothing, so the call sits on
        /// its own line right after the array is made.</summary>
        public static void FillWithNulls(object[] array)
        {
            for (int i = 0; i < array.Length; i++) array[i] = null;
        }
    }
}
