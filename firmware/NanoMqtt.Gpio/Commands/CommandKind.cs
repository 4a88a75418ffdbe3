namespace NanoMqtt.Commands
{
    /// <summary>What a command payload asks for.</summary>
    public enum CommandKind : byte
    {
        /// <summary>Not a command.</summary>
        None = 0,
        /// <summary>on, 1, true.</summary>
        On,
        /// <summary>off, 0, false.</summary>
        Off,
        /// <summary>toggle (not idempotent: send at QoS 2).</summary>
        Toggle,
        /// <summary>pulse:&lt;ms&gt;, on for that long then off (not idempotent: send at QoS 2).</summary>
        Pulse,
    }

    /// <summary>Why a command was not applied.</summary>
    public enum CommandError : byte
    {
        /// <summary>Applied.</summary>
        None = 0,
        /// <summary>The topic is not &lt;prefix&gt;/out/&lt;name&gt;/set.</summary>
        WrongTopic,
        /// <summary>No output of that name in the board profile.</summary>
        UnknownOutput,
        /// <summary>The payload is not one of the commands.</summary>
        BadPayload,
        /// <summary>The payload is longer than any command.</summary>
        TooLong,
        /// <summary>pulse:&lt;ms&gt; with a duration outside 1..60000.</summary>
        BadPulse,
        /// <summary>The message expired before it was delivered.</summary>
        Expired,
    }
}
