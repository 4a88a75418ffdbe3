using System;

namespace NanoMqtt.Tests.Support
{
    /// <summary>Thrown by <see cref="FaultyFlash"/> when the simulated power goes: the device stops where it is.</summary>
    public class PowerCutException : Exception
    {
        public PowerCutException(string message)
            : base(message)
        {
        }
    }
}
