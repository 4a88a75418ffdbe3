namespace NanoMqtt.Config
{
    /// <summary>A set of GPIO numbers 0-63, kept as one 64-bit mask.</summary>
    public sealed class PinSet
    {
        /// <summary>One more than the highest GPIO number a set can hold.</summary>
        public const int Capacity = 64;

        private ulong _mask;

        /// <summary>An empty set.</summary>
        public PinSet()
        {
        }

        /// <summary>A set holding the bits of <paramref name="mask"/> (bit n is GPIO n).</summary>
        public PinSet(ulong mask)
        {
            _mask = mask;
        }

        /// <summary>The set as a mask: bit n is GPIO n.</summary>
        public ulong Mask
        {
            get { return _mask; }
        }

        /// <summary>True when the set holds no pin.</summary>
        public bool IsEmpty
        {
            get { return _mask == 0; }
        }

        /// <summary>How many pins the set holds.</summary>
        public int Count
        {
            get
            {
                int n = 0;
                for (ulong m = _mask; m != 0; m &= m - 1) n++;
                return n;
            }
        }

        /// <summary>True when <paramref name="pin"/> is in the set (false for any number outside 0-63).</summary>
        public bool Contains(int pin)
        {
            return pin >= 0 && pin < Capacity && (_mask & Bit(pin)) != 0;
        }

        /// <summary>Adds one pin (0-63).</summary>
        public void Add(int pin)
        {
            _mask |= Bit(pin);
        }

        /// <summary>Adds <paramref name="first"/> to <paramref name="last"/>, both included (0-63).</summary>
        public void AddRange(int first, int last)
        {
            _mask |= Range(first, last);
        }

        /// <summary>Adds every pin of <paramref name="other"/>.</summary>
        public void AddAll(PinSet other)
        {
            _mask |= other._mask;
        }

        /// <summary>The mask of one pin.</summary>
        public static ulong Bit(int pin)
        {
            if (pin < 0 || pin >= Capacity) throw new System.ArgumentOutOfRangeException("pin");
            return 1UL << pin;
        }

        /// <summary>The mask of <paramref name="first"/> to <paramref name="last"/>, both included.</summary>
        public static ulong Range(int first, int last)
        {
            ulong mask = 0;
            for (int pin = first; pin <= last; pin++) mask |= Bit(pin);
            return mask;
        }

        /// <summary>The pins in ascending order, runs of three or more written as ranges: "6-11, 16, 17".</summary>
        public override string ToString()
        {
            string text = "";
            int pin = 0;
            while (pin < Capacity)
            {
                if (!Contains(pin))
                {
                    pin++;
                    continue;
                }
                int last = pin;
                while (last + 1 < Capacity && Contains(last + 1)) last++;
                if (text.Length > 0) text += ", ";
                if (last - pin >= 2) text += pin.ToString() + "-" + last.ToString();
                else if (last == pin) text += pin.ToString();
                else text += pin.ToString() + ", " + last.ToString();
                pin = last + 1;
            }
            return text;
        }
    }
}
