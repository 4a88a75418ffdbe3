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
        /// <summary>The flash whose commits the history is checked against (null: not checked).</summary>
        public FaultyFlash Flash;
        /// <summary>Groups with a QoS 2 delivery that were applied with no flash commit since the
        /// delivery: an effect acted on before its packet id was durable.</summary>
        public int EarlyEffects;
        private int _commitsAtQoS2Delivery = -1;
        /// <summary>Every message refused as too large: "topic size/limit;".</summary>
        public string TooLargeReports = "";
        private readonly ArrayList _keys = new ArrayList();
        // Delivered, waiting for Commit: payloads and their QoS, in order.
        private readonly ArrayList _pending = new ArrayList();
        private readonly ArrayList _pendingQoS = new ArrayList();

        public void TooLarge(Slice topic, int size, int limit)
        {
            TooLargeReports += topic.ToString() + " " + size + "/" + limit + ";";
        }

        public int Deliver(PublishPacket message, byte[] effect, int offset, int capacity)
        {
            Deliveries++;
            if (message.QoS == 2 && _commitsAtQoS2Delivery < 0 && Flash != null) _commitsAtQoS2Delivery = Flash.Commits;
            string payload = message.Payload.ToString();
            _pending.Add(payload);
            _pendingQoS.Add((int)message.QoS);
            if (message.QoS < 2) return 0;
            // Effect: [key][payload]; one key per distinct payload, so every delivery stays on record.
            int key = _keys.IndexOf(payload);
            if (key < 0)
            {
                key = _keys.Count;
                _keys.Add(payload);
            }
            effect[offset] = (byte)key;
            int n = message.Payload.Length < capacity - 1 ? message.Payload.Length : capacity - 1;
            System.Array.Copy(message.Payload.Array, message.Payload.Offset, effect, offset + 1, n);
            return n + 1;
        }

        public void Commit()
        {
            if (_commitsAtQoS2Delivery >= 0 && Flash.Commits == _commitsAtQoS2Delivery) EarlyEffects++;
            _commitsAtQoS2Delivery = -1;
            for (int i = 0; i < _pending.Count; i++) Act((string)_pending[i], (int)_pendingQoS[i]);
            _pending.Clear();
            _pendingQoS.Clear();
        }

        private void Act(string payload, int qos)
        {
            if (qos < 2)
            {
                AtLeastOnce.Add(payload);
                return;
            }
            if (Applied.Contains(payload))
            {
                Duplicates++;
                if (FirstDuplicate == null) FirstDuplicate = payload;
                return;
            }
            Applied.Add(payload);
            AtLeastOnce.Add(payload);
        }

        public void Forget()
        {
            _commitsAtQoS2Delivery = -1;
            _pending.Clear();
            _pendingQoS.Clear();
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
            _commitsAtQoS2Delivery = -1;
            _pending.Clear();
            _pendingQoS.Clear();
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
