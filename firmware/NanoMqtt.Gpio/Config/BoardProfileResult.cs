namespace NanoMqtt.Config
{
    /// <summary>What <see cref="BoardProfileParser.Parse"/> returns: the profile when the text is valid, else every message.</summary>
    public sealed class BoardProfileResult
    {
        internal BoardProfileResult(BoardProfile profile, ConfigErrors errors)
        {
            Profile = profile;
            Errors = errors;
        }

        /// <summary>The profile, or null when there is any error.</summary>
        public BoardProfile Profile { get; private set; }

        /// <summary>Every problem found, in line order (empty when valid).</summary>
        public ConfigErrors Errors { get; private set; }

        /// <summary>True when the text is a valid board profile.</summary>
        public bool IsValid
        {
            get { return Errors.Count == 0; }
        }
    }
}
