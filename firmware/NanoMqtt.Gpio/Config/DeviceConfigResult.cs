namespace NanoMqtt.Config
{
    /// <summary>What <see cref="DeviceConfigParser.Parse"/> returns: the configuration when the text is valid, else every message.</summary>
    public sealed class DeviceConfigResult
    {
        internal DeviceConfigResult(DeviceConfig config, ConfigErrors errors)
        {
            Config = config;
            Errors = errors;
        }

        /// <summary>The configuration with defaults filled in, or null when there is any error.</summary>
        public DeviceConfig Config { get; private set; }

        /// <summary>Every problem found, in line order; never holds a password.</summary>
        public ConfigErrors Errors { get; private set; }

        /// <summary>True when the text is a valid configuration.</summary>
        public bool IsValid
        {
            get { return Errors.Count == 0; }
        }
    }
}
