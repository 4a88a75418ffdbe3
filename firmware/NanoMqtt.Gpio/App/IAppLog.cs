namespace NanoMqtt.App
{
    /// <summary>Where the app's log lines go: the debug channel on the board, the live view in the sim.</summary>
    public interface IAppLog
    {
        /// <summary>One line (never holds a password).</summary>
        void Line(string text);
    }
}
