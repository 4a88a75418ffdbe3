using NanoMqtt.Protocol;
using NanoMqtt.Storage;

namespace NanoMqtt.Session
{
    /// <summary>Everything the session engine is sized and configured by; read once at start-up.</summary>
    public sealed class SessionConfig
    {
        /// <summary>MQTT version (5.0 by default).</summary>
        public MqttVersion Version = MqttVersion.V500;
        /// <summary>The fixed client identifier (never empty).</summary>
        public string ClientId = "nanomqtt";
        /// <summary>Keep Alive in seconds.</summary>
        public ushort KeepAliveSeconds = 60;
        /// <summary>5.0 Session Expiry Interval in seconds (default one day; 0xFFFFFFFF never expires).</summary>
        public uint SessionExpirySeconds = 86400;
        /// <summary>User name, or null.</summary>
        public string UserName;
        /// <summary>Password, or null. Never logged.</summary>
        public string Password;
        /// <summary>Last Will topic, or null for none.</summary>
        public string WillTopic;
        /// <summary>Last Will payload.</summary>
        public string WillPayload = "offline";
        /// <summary>Last Will QoS.</summary>
        public byte WillQoS = 1;
        /// <summary>Last Will retain flag.</summary>
        public bool WillRetain = true;

        /// <summary>Largest MQTT packet sent or received, in bytes.</summary>
        public int MaxPacketSize = 1024;
        /// <summary>Outgoing QoS 1/2 messages in flight at once.</summary>
        public int InflightCapacity = 16;
        /// <summary>Incoming QoS 2 packet ids awaiting PUBREL: half of it is the Receive Maximum announced, and
        /// the table keeps half of it as runs of consecutive ids (any number of ids in one run).</summary>
        public int IncomingQoS2Capacity = 32;
        /// <summary>Messages the outbox holds.</summary>
        public int OutboxMessages = 64;
        /// <summary>Flash bytes the outbox's messages may occupy.</summary>
        public int OutboxBytes = 16384;
        /// <summary>What to do when the outbox is full.</summary>
        public OutboxPolicy OutboxPolicy = OutboxPolicy.DropOldest;
        /// <summary>Bound of the journal on flash.</summary>
        public int JournalBytes = 65536;
        /// <summary>Journal file name prefix.</summary>
        public string JournalName = "nanomqtt.journal";
        /// <summary>Files in the journal's ring (<c>JournalName.0</c> …): one base and the groups committed since it.</summary>
        public int JournalParts = Journal.DefaultParts;
        /// <summary>Packet ids reserved per journal record.</summary>
        public int PacketIdBlock = 256;
        /// <summary>When the broker lost the session, send unacknowledged messages again as new ones (else drop and count them).</summary>
        public bool ResendAfterSessionLoss = true;
        /// <summary>Bytes a delivery may record for the application (its effect, key byte included).</summary>
        public int EffectCapacity = 8;
        /// <summary>Keys of application state kept on flash (for GPIO: one per output).</summary>
        public int AppStateKeys = 16;

        /// <summary>Topic filters the device subscribes to.</summary>
        public string[] Subscriptions = new string[0];
        /// <summary>Subscription options per filter (QoS in bits 0-1, 5.0 flags above).</summary>
        public byte[] SubscriptionOptions = new byte[0];
        /// <summary>Filters added at run time beyond <see cref="Subscriptions"/> (each costs a few bytes of table).</summary>
        public int SpareSubscriptions = 2;
    }
}
