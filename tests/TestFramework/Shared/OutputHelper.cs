namespace nanoFramework.TestFramework
{
    /// <summary>Test output: the console, which both the nano launcher and MSTest capture.</summary>
    public static class OutputHelper
    {
        /// <summary>Writes without a newline.</summary>
        public static void Write(string message)
        {
            System.Console.Write(message);
        }

        /// <summary>Writes a line.</summary>
        public static void WriteLine(string message)
        {
            System.Console.WriteLine(message);
        }
    }
}
