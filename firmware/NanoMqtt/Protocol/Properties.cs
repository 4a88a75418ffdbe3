namespace NanoMqtt.Protocol
{
    /// <summary>
    /// The MQTT 5.0 properties of one packet, in storage allocated once. Setting a property marks
    /// it present; <see cref="Has"/> tells what a decoded packet carried. String and binary values
    /// are <see cref="Slice"/>s into the packet buffer (decode) or into the caller's bytes (encode).
    /// </summary>
    public sealed class Properties
    {
        /// <summary>User properties kept per packet unless configured otherwise.</summary>
        public const int DefaultUserPropertyCapacity = 8;
        /// <summary>Subscription identifiers kept per PUBLISH unless configured otherwise.</summary>
        public const int DefaultSubscriptionIdentifierCapacity = 4;

        private const int IdCount = PropertyId.SharedSubscriptionAvailable + 1;

        private const int NumberSlots = 16;
        private const int SliceSlots = 9;

        private ulong _present;
        private readonly uint[] _numbers = new uint[NumberSlots];
        private readonly SliceTable _slices = new SliceTable(SliceSlots);
        // User property i: name at 2i, value at 2i + 1; null when none are kept.
        private readonly SliceTable _user;
        private readonly int[] _subscriptionIds;
        private int _userCount;
        private int _subscriptionIdCount;

        /// <summary>Properties with the default capacities.</summary>
        public Properties()
            : this(DefaultUserPropertyCapacity, DefaultSubscriptionIdentifierCapacity)
        {
        }

        /// <summary>Properties holding up to the given numbers of user properties and subscription identifiers.</summary>
        public Properties(int userPropertyCapacity, int subscriptionIdentifierCapacity)
        {
            _user = userPropertyCapacity > 0 ? new SliceTable(2 * userPropertyCapacity) : null;
            _subscriptionIds = new int[subscriptionIdentifierCapacity];
        }

        /// <summary>Removes every property.</summary>
        public void Clear()
        {
            _present = 0;
            _userCount = 0;
            _subscriptionIdCount = 0;
            UserPropertiesDropped = 0;
            SubscriptionIdentifiersDropped = 0;
        }

        /// <summary>True when the property with identifier <paramref name="id"/> is present.</summary>
        public bool Has(int id)
        {
            return id > 0 && id < IdCount && (_present & (1UL << id)) != 0;
        }

        /// <summary>True when no property is present.</summary>
        public bool IsEmpty
        {
            get { return _present == 0; }
        }

        /// <summary>Removes one property (for user properties and subscription identifiers: all of them).</summary>
        public void Remove(int id)
        {
            if (id <= 0 || id >= IdCount) return;
            _present &= ~(1UL << id);
            if (id == PropertyId.UserProperty) _userCount = 0;
            if (id == PropertyId.SubscriptionIdentifier) _subscriptionIdCount = 0;
        }

        /// <summary>Encoded size of the content, set by the encoder's check before it writes.</summary>
        internal int ContentLength;

        internal ulong PresentMask
        {
            get { return _present; }
        }

        // Storage slots: only the identifiers that carry a number or a string/binary value get one.
        private static int NumberSlot(int id)
        {
            switch (id)
            {
                case PropertyId.PayloadFormatIndicator: return 0;
                case PropertyId.MessageExpiryInterval: return 1;
                case PropertyId.SessionExpiryInterval: return 2;
                case PropertyId.ServerKeepAlive: return 3;
                case PropertyId.RequestProblemInformation: return 4;
                case PropertyId.WillDelayInterval: return 5;
                case PropertyId.RequestResponseInformation: return 6;
                case PropertyId.ReceiveMaximum: return 7;
                case PropertyId.TopicAliasMaximum: return 8;
                case PropertyId.TopicAlias: return 9;
                case PropertyId.MaximumQoS: return 10;
                case PropertyId.RetainAvailable: return 11;
                case PropertyId.MaximumPacketSize: return 12;
                case PropertyId.WildcardSubscriptionAvailable: return 13;
                case PropertyId.SubscriptionIdentifierAvailable: return 14;
                case PropertyId.SharedSubscriptionAvailable: return 15;
                default: throw new System.ArgumentException("not a numeric property");
            }
        }

        private static int SliceSlot(int id)
        {
            switch (id)
            {
                case PropertyId.ContentType: return 0;
                case PropertyId.ResponseTopic: return 1;
                case PropertyId.CorrelationData: return 2;
                case PropertyId.AssignedClientIdentifier: return 3;
                case PropertyId.AuthenticationMethod: return 4;
                case PropertyId.AuthenticationData: return 5;
                case PropertyId.ResponseInformation: return 6;
                case PropertyId.ServerReference: return 7;
                case PropertyId.ReasonString: return 8;
                default: throw new System.ArgumentException("not a string or binary property");
            }
        }

        internal uint GetNumber(int id)
        {
            return Has(id) ? _numbers[NumberSlot(id)] : 0;
        }

        internal void SetNumber(int id, uint value)
        {
            _numbers[NumberSlot(id)] = value;
            _present |= 1UL << id;
        }

        internal Slice GetSlice(int id)
        {
            return Has(id) ? _slices.Get(SliceSlot(id)) : new Slice();
        }

        internal void SetSlice(int id, Slice value)
        {
            _slices.Set(SliceSlot(id), value);
            if (value.Array == null) _present &= ~(1UL << id);
            else _present |= 1UL << id;
        }

        /// <summary>Payload Format Indicator: 0 unspecified bytes, 1 UTF-8.</summary>
        public byte PayloadFormatIndicator { get { return (byte)GetNumber(PropertyId.PayloadFormatIndicator); } set { SetNumber(PropertyId.PayloadFormatIndicator, value); } }
        /// <summary>Message Expiry Interval in seconds.</summary>
        public uint MessageExpiryInterval { get { return GetNumber(PropertyId.MessageExpiryInterval); } set { SetNumber(PropertyId.MessageExpiryInterval, value); } }
        /// <summary>Content Type.</summary>
        public Slice ContentType { get { return GetSlice(PropertyId.ContentType); } set { SetSlice(PropertyId.ContentType, value); } }
        /// <summary>Response Topic.</summary>
        public Slice ResponseTopic { get { return GetSlice(PropertyId.ResponseTopic); } set { SetSlice(PropertyId.ResponseTopic, value); } }
        /// <summary>Correlation Data.</summary>
        public Slice CorrelationData { get { return GetSlice(PropertyId.CorrelationData); } set { SetSlice(PropertyId.CorrelationData, value); } }
        /// <summary>Session Expiry Interval in seconds (0xFFFFFFFF: never).</summary>
        public uint SessionExpiryInterval { get { return GetNumber(PropertyId.SessionExpiryInterval); } set { SetNumber(PropertyId.SessionExpiryInterval, value); } }
        /// <summary>Assigned Client Identifier.</summary>
        public Slice AssignedClientIdentifier { get { return GetSlice(PropertyId.AssignedClientIdentifier); } set { SetSlice(PropertyId.AssignedClientIdentifier, value); } }
        /// <summary>Server Keep Alive in seconds.</summary>
        public ushort ServerKeepAlive { get { return (ushort)GetNumber(PropertyId.ServerKeepAlive); } set { SetNumber(PropertyId.ServerKeepAlive, value); } }
        /// <summary>Authentication Method.</summary>
        public Slice AuthenticationMethod { get { return GetSlice(PropertyId.AuthenticationMethod); } set { SetSlice(PropertyId.AuthenticationMethod, value); } }
        /// <summary>Authentication Data.</summary>
        public Slice AuthenticationData { get { return GetSlice(PropertyId.AuthenticationData); } set { SetSlice(PropertyId.AuthenticationData, value); } }
        /// <summary>Request Problem Information (0 or 1).</summary>
        public byte RequestProblemInformation { get { return (byte)GetNumber(PropertyId.RequestProblemInformation); } set { SetNumber(PropertyId.RequestProblemInformation, value); } }
        /// <summary>Will Delay Interval in seconds.</summary>
        public uint WillDelayInterval { get { return GetNumber(PropertyId.WillDelayInterval); } set { SetNumber(PropertyId.WillDelayInterval, value); } }
        /// <summary>Request Response Information (0 or 1).</summary>
        public byte RequestResponseInformation { get { return (byte)GetNumber(PropertyId.RequestResponseInformation); } set { SetNumber(PropertyId.RequestResponseInformation, value); } }
        /// <summary>Response Information.</summary>
        public Slice ResponseInformation { get { return GetSlice(PropertyId.ResponseInformation); } set { SetSlice(PropertyId.ResponseInformation, value); } }
        /// <summary>Server Reference.</summary>
        public Slice ServerReference { get { return GetSlice(PropertyId.ServerReference); } set { SetSlice(PropertyId.ServerReference, value); } }
        /// <summary>Reason String.</summary>
        public Slice ReasonString { get { return GetSlice(PropertyId.ReasonString); } set { SetSlice(PropertyId.ReasonString, value); } }
        /// <summary>Receive Maximum (1..65535).</summary>
        public ushort ReceiveMaximum { get { return (ushort)GetNumber(PropertyId.ReceiveMaximum); } set { SetNumber(PropertyId.ReceiveMaximum, value); } }
        /// <summary>Topic Alias Maximum.</summary>
        public ushort TopicAliasMaximum { get { return (ushort)GetNumber(PropertyId.TopicAliasMaximum); } set { SetNumber(PropertyId.TopicAliasMaximum, value); } }
        /// <summary>Topic Alias (1..65535).</summary>
        public ushort TopicAlias { get { return (ushort)GetNumber(PropertyId.TopicAlias); } set { SetNumber(PropertyId.TopicAlias, value); } }
        /// <summary>Maximum QoS (0 or 1; absent means 2).</summary>
        public byte MaximumQoS { get { return (byte)GetNumber(PropertyId.MaximumQoS); } set { SetNumber(PropertyId.MaximumQoS, value); } }
        /// <summary>Retain Available (0 or 1).</summary>
        public byte RetainAvailable { get { return (byte)GetNumber(PropertyId.RetainAvailable); } set { SetNumber(PropertyId.RetainAvailable, value); } }
        /// <summary>Maximum Packet Size in bytes.</summary>
        public uint MaximumPacketSize { get { return GetNumber(PropertyId.MaximumPacketSize); } set { SetNumber(PropertyId.MaximumPacketSize, value); } }
        /// <summary>Wildcard Subscription Available (0 or 1).</summary>
        public byte WildcardSubscriptionAvailable { get { return (byte)GetNumber(PropertyId.WildcardSubscriptionAvailable); } set { SetNumber(PropertyId.WildcardSubscriptionAvailable, value); } }
        /// <summary>Subscription Identifier Available (0 or 1).</summary>
        public byte SubscriptionIdentifierAvailable { get { return (byte)GetNumber(PropertyId.SubscriptionIdentifierAvailable); } set { SetNumber(PropertyId.SubscriptionIdentifierAvailable, value); } }
        /// <summary>Shared Subscription Available (0 or 1).</summary>
        public byte SharedSubscriptionAvailable { get { return (byte)GetNumber(PropertyId.SharedSubscriptionAvailable); } set { SetNumber(PropertyId.SharedSubscriptionAvailable, value); } }

        /// <summary>Number of user properties held.</summary>
        public int UserPropertyCount
        {
            get { return _userCount; }
        }

        /// <summary>User properties a decoded packet carried beyond this instance's capacity (not kept).</summary>
        public int UserPropertiesDropped { get; private set; }

        /// <summary>Name of user property <paramref name="index"/>.</summary>
        public Slice GetUserPropertyName(int index)
        {
            return _user.Get(2 * index);
        }

        /// <summary>Value of user property <paramref name="index"/>.</summary>
        public Slice GetUserPropertyValue(int index)
        {
            return _user.Get(2 * index + 1);
        }

        /// <summary>Adds a user property; false when the capacity is used up.</summary>
        public bool AddUserProperty(Slice name, Slice value)
        {
            if (_user == null || 2 * _userCount == _user.Capacity)
            {
                UserPropertiesDropped++;
                return false;
            }
            _user.Set(2 * _userCount, name);
            _user.Set(2 * _userCount + 1, value);
            _userCount++;
            _present |= 1UL << PropertyId.UserProperty;
            return true;
        }

        /// <summary>Number of subscription identifiers held.</summary>
        public int SubscriptionIdentifierCount
        {
            get { return _subscriptionIdCount; }
        }

        /// <summary>Subscription identifiers a decoded PUBLISH carried beyond this instance's capacity.</summary>
        public int SubscriptionIdentifiersDropped { get; private set; }

        /// <summary>Subscription identifier <paramref name="index"/>.</summary>
        public int GetSubscriptionIdentifier(int index)
        {
            return _subscriptionIds[index];
        }

        /// <summary>Adds a subscription identifier; false when the capacity is used up.</summary>
        public bool AddSubscriptionIdentifier(int value)
        {
            if (_subscriptionIdCount == _subscriptionIds.Length)
            {
                SubscriptionIdentifiersDropped++;
                return false;
            }
            _subscriptionIds[_subscriptionIdCount++] = value;
            _present |= 1UL << PropertyId.SubscriptionIdentifier;
            return true;
        }
    }
}
