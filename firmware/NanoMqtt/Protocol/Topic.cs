namespace NanoMqtt.Protocol
{
    /// <summary>Topic name and topic filter rules, checked on bytes.</summary>
    public static class Topic
    {
        /// <summary>A topic name may not contain '+' or '#' (it may be empty only with a topic alias; the caller checks that).</summary>
        public static bool IsValidName(Slice topic)
        {
            for (int i = 0; i < topic.Length; i++)
            {
                byte c = topic.Array[topic.Offset + i];
                if (c == (byte)'+' || c == (byte)'#') return false;
            }
            return true;
        }

        /// <summary>A filter is non-empty; '+' fills a whole level; '#' fills the last level.</summary>
        public static bool IsValidFilter(Slice filter)
        {
            if (filter.Length == 0) return false;
            for (int i = 0; i < filter.Length; i++)
            {
                byte c = filter.Array[filter.Offset + i];
                if (c != (byte)'+' && c != (byte)'#') continue;
                bool startsLevel = i == 0 || filter.Array[filter.Offset + i - 1] == (byte)'/';
                bool endsLevel = i == filter.Length - 1 || filter.Array[filter.Offset + i + 1] == (byte)'/';
                if (!startsLevel || !endsLevel) return false;
                if (c == (byte)'#' && i != filter.Length - 1) return false;
            }
            return true;
        }
    }
}
