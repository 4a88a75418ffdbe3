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

        private ulong _present;
        private readonly uint[] _numbers = new uint[IdCount];
        private readonly Slice[] _slices = new Slice[IdCount];
        private readonly Slice[] _userNames;
        private readonly Slice[] _userValues;
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
            _userNames = new Slice[userPropertyCapacity];
            _userValues = new Slice[userPropertyCapacity];
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

        internal ulong PresentMask
        {
            get { return _present; }
        }

        internal uint GetNumber(int id)
        {
            return _numbers[id];
        }

        internal void SetNumber(int id, uint value)
        {
            _numbers[id] = value;
            _present |= 1UL << id;
        }

        internal Slice GetSlice(int id)
        {
            return Has(id) ? _slices[id] : new Slice();
        }

        internal void SetSlice(int id, Slice value)
        {
            _slices[id] = value;
            if (value.Array == null) _present &= ~(1UL << id);
            else _present |= 1UL << id;
        }

        /// <summary>Payload Format Indicator: 0 unspecified bytes, 1 UTF-8.</summary>
        public byte PayloadFormatIndicator { get { return (byte)_numbers[PropertyId.PayloadFormatIndicator]; } set { SetNumber(PropertyId.PayloadFormatIndicator, value); } }
        /// <summary>Message Expiry Interval in seconds.</summary>
        public uint MessageExpiryInterval { get { return _numbers[PropertyId.MessageExpiryInterval]; } set { SetNumber(PropertyId.MessageExpiryInterval, value); } }
        /// <summary>Content Type.</summary>
        public Slice ContentType { get { return GetSlice(PropertyId.ContentType); } set { SetSlice(PropertyId.ContentType, value); } }
        /// <summary>Response Topic.</summary>
        public Slice ResponseTopic { get { return GetSlice(PropertyId.ResponseTopic); } set { SetSlice(PropertyId.ResponseTopic, value); } }
        /// <summary>Correlation Data.</summary>
        public Slice CorrelationData { get { return GetSlice(PropertyId.CorrelationData); } set { SetSlice(PropertyId.CorrelationData, value); } }
        /// <summary>Session Expiry Interval in seconds (0xFFFFFFFF: never).</summary>
        public uint SessionExpiryInterval { get { return _numbers[PropertyId.SessionExpiryInterval]; } set { SetNumber(PropertyId.SessionExpiryInterval, value); } }
        /// <summary>Assigned Client Identifier.</summary>
        public Slice AssignedClientIdentifier { get { return GetSlice(PropertyId.AssignedClientIdentifier); } set { SetSlice(PropertyId.AssignedClientIdentifier, value); } }
        /// <summary>Server Keep Alive in seconds.</summary>
        public ushort ServerKeepAlive { get { return (ushort)_numbers[PropertyId.ServerKeepAlive]; } set { SetNumber(PropertyId.ServerKeepAlive, value); } }
        /// <summary>Authentication Method.</summary>
        public Slice AuthenticationMethod { get { return GetSlice(PropertyId.AuthenticationMethod); } set { SetSlice(PropertyId.AuthenticationMethod, value); } }
        /// <summary>Authentication Data.</summary>
        public Slice AuthenticationData { get { return GetSlice(PropertyId.AuthenticationData); } set { SetSlice(PropertyId.AuthenticationData, value); } }
        /// <summary>Request Problem Information (0 or 1).</summary>
        public byte RequestProblemInformation { get { return (byte)_numbers[PropertyId.RequestProblemInformation]; } set { SetNumber(PropertyId.RequestProblemInformation, value); } }
        /// <summary>Will Delay Interval in seconds.</summary>
        public uint WillDelayInterval { get { return _numbers[PropertyId.WillDelayInterval]; } set { SetNumber(PropertyId.WillDelayInterval, value); } }
        /// <summary>Request Response Information (0 or 1).</summary>
        public byte RequestResponseInformation { get { return (byte)_numbers[PropertyId.RequestResponseInformation]; } set { SetNumber(PropertyId.RequestResponseInformation, value); } }
        /// <summary>Response Information.</summary>
        public Slice ResponseInformation { get { return GetSlice(PropertyId.ResponseInformation); } set { SetSlice(PropertyId.ResponseInformation, value); } }
        /// <summary>Server Reference.</summary>
        public Slice ServerReference { get { return GetSlice(PropertyId.ServerReference); } set { SetSlice(PropertyId.ServerReference, value); } }
        /// <summary>Reason String.</summary>
        public Slice ReasonString { get { return GetSlice(PropertyId.ReasonString); } set { SetSlice(PropertyId.ReasonString, value); } }
        /// <summary>Receive Maximum (1..65535).</summary>
        public ushort ReceiveMaximum { get { return (ushort)_numbers[PropertyId.ReceiveMaximum]; } set { SetNumber(PropertyId.ReceiveMaximum, value); } }
        /// <summary>Topic Alias Maximum.</summary>
        public ushort TopicAliasMaximum { get { return (ushort)_numbers[PropertyId.TopicAliasMaximum]; } set { SetNumber(PropertyId.TopicAliasMaximum, value); } }
        /// <summary>Topic Alias (1..65535).</summary>
        public ushort TopicAlias { get { return (ushort)_numbers[PropertyId.TopicAlias]; } set { SetNumber(PropertyId.TopicAlias, value); } }
        /// <summary>Maximum QoS (0 or 1; absent means 2).</summary>
        public byte MaximumQoS { get { return (byte)_numbers[PropertyId.MaximumQoS]; } set { SetNumber(PropertyId.MaximumQoS, value); } }
        /// <summary>Retain Available (0 or 1).</summary>
        public byte RetainAvailable { get { return (byte)_numbers[PropertyId.RetainAvailable]; } set { SetNumber(PropertyId.RetainAvailable, value); } }
        /// <summary>Maximum Packet Size in bytes.</summary>
        public uint MaximumPacketSize { get { return _numbers[PropertyId.MaximumPacketSize]; } set { SetNumber(PropertyId.MaximumPacketSize, value); } }
        /// <summary>Wildcard Subscription Available (0 or 1).</summary>
        public byte WildcardSubscriptionAvailable { get { return (byte)_numbers[PropertyId.WildcardSubscriptionAvailable]; } set { SetNumber(PropertyId.WildcardSubscriptionAvailable, value); } }
        /// <summary>Subscription Identifier Available (0 or 1).</summary>
        public byte SubscriptionIdentifierAvailable { get { return (byte)_numbers[PropertyId.SubscriptionIdentifierAvailable]; } set { SetNumber(PropertyId.SubscriptionIdentifierAvailable, value); } }
        /// <summary>Shared Subscription Available (0 or 1).</summary>
        public byte SharedSubscriptionAvailable { get { return (byte)_numbers[PropertyId.SharedSubscriptionAvailable]; } set { SetNumber(PropertyId.SharedSubscriptionAvailable, value); } }

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
            return _userNames[index];
        }

        /// <summary>Value of user property <paramref name="index"/>.</summary>
        public Slice GetUserPropertyValue(int index)
        {
            return _userValues[index];
        }

        /// <summary>Adds a user property; false when the capacity is used up.</summary>
        public bool AddUserProperty(Slice name, Slice value)
        {
            if (_userCount == _userNames.Length)
            {
                UserPropertiesDropped++;
                return false;
            }
            _userNames[_userCount] = name;
            _userValues[_userCount] = value;
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
