using NanoMqtt.Protocol;
using NanoMqtt.Runtime;

namespace NanoMqtt.Commands
{
    /// <summary>Matches &lt;prefix&gt;/out/&lt;name&gt;/set on bytes and finds the output by name, without allocating.</summary>
    public sealed class CommandTopic
    {
        private readonly byte[] _prefix;
        private readonly byte[][] _names;

        /// <summary>Topics under <paramref name="prefix"/> for the outputs named in <paramref name="outputs"/> (in profile order).</summary>
        public CommandTopic(string prefix, string[] outputs)
        {
            _prefix = Slice.FromString(prefix + "/out/").Array;
            _names = new byte[outputs.Length][];
            ReferenceArray.FillWithNulls(_names);
            for (int i = 0; i < outputs.Length; i++) _names[i] = Slice.FromString(outputs[i]).Array;
        }

        /// <summary>The output index, or -1 with the reason in <paramref name="error"/>.</summary>
        public int Match(Slice topic, out CommandError error)
        {
            error = CommandError.WrongTopic;
            int suffix = 4; // "/set"
            int nameLength = topic.Length - _prefix.Length - suffix;
            if (nameLength < 1) return -1;
            for (int i = 0; i < _prefix.Length; i++)
            {
                if (topic[i] != _prefix[i]) return -1;
            }
            int end = _prefix.Length + nameLength;
            if (topic[end] != '/' || topic[end + 1] != 's' || topic[end + 2] != 'e' || topic[end + 3] != 't') return -1;
            for (int o = 0; o < _names.Length; o++)
            {
                byte[] name = _names[o];
                if (name.Length != nameLength) continue;
                int k = 0;
                while (k < nameLength && topic[_prefix.Length + k] == name[k]) k++;
                if (k == nameLength)
                {
                    error = CommandError.None;
                    return o;
                }
            }
            error = CommandError.UnknownOutput;
            return -1;
        }
    }
}
