using System.Collections;
using NanoMqtt.Protocol;
using NanoMqtt.Session;

namespace NanoMqtt.Tests.Support
{
    /// <summary>
    /// The application in session tests. What it applied survives reboots (it stands for the
    /// outside world); a QoS 2 message applied twice is counted as a duplicate.
    /// </summary>
    public class RecordingHandler : IMessageHandler, IMessageRefusals
    {
        public readonly ArrayList Applied = new ArrayList();
        public readonly ArrayList AtLeastOnce = new ArrayList();
        public int Duplicates;
        public string FirstDuplicate;
        public int Deliveries;
        /// <summary>Every message refused as too large: "topic size/limit;".</summary>
        public string TooLargeReports = "";
        private readonly ArrayList _keys = new ArrayList();
        private string _pending;
        private byte _pendingQoS;

        public void TooLarge(Slice topic, int size, int limit)
        {
            TooLargeReports += topic.ToString() + " " + size + "/" + limit + ";";
        }

        public int Deliver(PublishPacket message, byte[] effect, int offset, int capacity)
        {
            Deliveries++;
            _pending = message.Payload.ToString();
            _pendingQoS = message.QoS;
            if (message.QoS < 2) return 0;
            // Effect: [key][payload]; one key per distinct payload, so every delivery stays on record.
            int key = _keys.IndexOf(_pending);
            if (key < 0)
            {
                key = _keys.Count;
                _keys.Add(_pending);
            }
            effect[offset] = (byte)key;
            int n = message.Payload.Length < capacity - 1 ? message.Payload.Length : capacity - 1;
            System.Array.Copy(message.Payload.Array, message.Payload.Offset, effect, offset + 1, n);
            return n + 1;
        }

        public void Commit()
        {
            if (_pendingQoS < 2)
            {
                AtLeastOnce.Add(_pending);
                return;
            }
            if (Applied.Contains(_pending))
            {
                Duplicates++;
                if (FirstDuplicate == null) FirstDuplicate = _pending;
                return;
            }
            Applied.Add(_pending);
            AtLeastOnce.Add(_pending);
        }

        public void Restore(byte[] effect, int offset, int length)
        {
            string s = NanoMqtt.Protocol.Utf8.ToString(effect, offset + 1, length - 1);
            if (!Applied.Contains(s)) Applied.Add(s);
            if (!AtLeastOnce.Contains(s)) AtLeastOnce.Add(s);
        }

        /// <summary>Power loss: a delivery not yet committed never happened.</summary>
        public void PowerLost()
        {
            _pending = null;
        }

        public int CountApplied(string payload)
        {
            int n = 0;
            for (int i = 0; i < Applied.Count; i++)
            {
                if ((string)Applied[i] == payload) n++;
            }
            return n;
        }
    }
}
