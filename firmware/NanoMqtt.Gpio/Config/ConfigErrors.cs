using System.Collections;

namespace NanoMqtt.Config
{
    /// <summary>
    /// The messages a parser found, in line order ("line 7: ..."); messages about the file as a
    /// whole (a missing key) come last. Parsers collect every message instead of stopping at the
    /// first, and never put a secret value into one.
    /// </summary>
    public sealed class ConfigErrors
    {
        private readonly ArrayList _messages = new ArrayList();
        private readonly ArrayList _lines = new ArrayList();

        /// <summary>How many messages there are.</summary>
        public int Count
        {
            get { return _messages.Count; }
        }

        /// <summary>The message at <paramref name="index"/>, with its "line N: " prefix when it has a line.</summary>
        public string this[int index]
        {
            get { return (string)_messages[index]; }
        }

        /// <summary>The line of the message at <paramref name="index"/>, or 0 for a message about the whole file.</summary>
        public int LineOf(int index)
        {
            int line = (int)_lines[index];
            return line == int.MaxValue ? 0 : line;
        }

        /// <summary>Adds a message about line <paramref name="line"/> (1-based).</summary>
        public void Add(int line, string message)
        {
            Insert(line, "line " + line.ToString() + ": " + message);
        }

        /// <summary>Adds a message about the file as a whole.</summary>
        public void AddGeneral(string message)
        {
            Insert(int.MaxValue, message);
        }

        /// <summary>True when some message contains <paramref name="text"/>.</summary>
        public bool Mentions(string text)
        {
            for (int i = 0; i < _messages.Count; i++)
            {
                if (((string)_messages[i]).IndexOf(text) >= 0) return true;
            }
            return false;
        }

        /// <summary>All messages, one per line.</summary>
        public override string ToString()
        {
            string text = "";
            for (int i = 0; i < _messages.Count; i++)
            {
                if (i > 0) text += "\n";
                text += (string)_messages[i];
            }
            return text;
        }

        private void Insert(int line, string message)
        {
            int at = _lines.Count;
            while (at > 0 && (int)_lines[at - 1] > line) at--;
            _lines.Insert(at, line);
            _messages.Insert(at, message);
        }
    }
}
