using System.Collections;
using NanoMqtt.Protocol;

namespace NanoMqtt.Tests.Support
{
    /// <summary>
    /// The device's outgoing QoS 1/2 flows as the wire shows them, from the device's side: every
    /// PUBLISH it writes and every acknowledgement that reaches it, lost ones included. An id is the
    /// device's from its PUBLISH until PUBACK or PUBCOMP reaches the device (or a Session Present 0
    /// ends the session), across links and reboots. An acknowledgement that reached the device before
    /// a reboot may have been forgotten with it: the flow may then go on where it was.
    /// Each method returns the rule broken, or null.
    /// </summary>
    public class WireRules
    {
        private readonly ArrayList _heldIds = new ArrayList();
        private readonly ArrayList _heldPayloads = new ArrayList();
        private readonly ArrayList _releasedIds = new ArrayList();
        private readonly ArrayList _releasedPayloads = new ArrayList();
        private readonly ArrayList _releasedAtBoot = new ArrayList();
        private readonly ArrayList _sentThisConnection = new ArrayList();
        private readonly ArrayList _accepted = new ArrayList();
        private readonly ArrayList _acceptedAtBoot = new ArrayList();
        private int _boots;

        /// <summary>The device took <paramref name="payload"/> for publishing.</summary>
        public void Accepted(string payload)
        {
            _accepted.Add(payload);
            _acceptedAtBoot.Add(_boots);
        }

        /// <summary>The firmware started again: what it had written before, it may no longer know.</summary>
        public void Rebooted()
        {
            _boots++;
        }

        public void NewConnection()
        {
            _sentThisConnection.Clear();
        }

        /// <summary>A PUBLISH the device wrote (whether or not it reached the broker).</summary>
        public string Sent(PublishPacket p)
        {
            if (p.QoS == 0) return null;
            int id = p.PacketId;
            string payload = p.Payload.ToString();
            if (_sentThisConnection.IndexOf(id) >= 0) return "PUBLISH " + id + " sent twice on one connection";
            _sentThisConnection.Add(id);
            int i = _heldIds.IndexOf(id);
            if (i >= 0 && (string)_heldPayloads[i] != payload)
                return "packet id " + id + " reused for " + payload + " while " + _heldPayloads[i] + " holds it";
            if (i >= 0 && !p.Dup) return "PUBLISH " + id + " (" + payload + ") sent again without DUP";
            if (i >= 0) return null;
            int r = _releasedIds.IndexOf(id);
            bool again = r >= 0 && (string)_releasedPayloads[r] == payload;
            if (again && !Forgotten(r)) return "PUBLISH " + id + " (" + payload + ") sent again after its acknowledgement reached the device";
            if (again && !p.Dup) return "PUBLISH " + id + " (" + payload + ") sent again without DUP";
            if (!again && p.Dup && !MaySeemSent(payload)) return "PUBLISH " + id + " (" + payload + ") has DUP on its first send";
            if (r >= 0) Unrelease(r);
            _heldIds.Add(id);
            _heldPayloads.Add(payload);
            return null;
        }

        // The device rebooted since the acknowledgement reached it, so it may not have kept it.
        private bool Forgotten(int released)
        {
            return (int)_releasedAtBoot[released] < _boots;
        }

        private void Unrelease(int released)
        {
            _releasedIds.RemoveAt(released);
            _releasedPayloads.RemoveAt(released);
            _releasedAtBoot.RemoveAt(released);
        }

        // DUP=1 on a first send is right only where the device cannot know: a message taken before a
        // reboot may have been written before it. A message this harness did not see taken is let be.
        private bool MaySeemSent(string payload)
        {
            int a = _accepted.IndexOf(payload);
            return a < 0 || (int)_acceptedAtBoot[a] < _boots;
        }

        /// <summary>A PUBREL the device wrote.</summary>
        public string SentPubRel(ushort id)
        {
            if (_heldIds.IndexOf((int)id) >= 0) return null;
            int r = _releasedIds.IndexOf((int)id);
            if (r < 0) return "PUBREL " + id + " for an id the device never sent";
            if (!Forgotten(r)) return "PUBREL " + id + " after its PUBCOMP reached the device";
            _heldIds.Add((int)id);
            _heldPayloads.Add(_releasedPayloads[r]);
            Unrelease(r);
            return null;
        }

        /// <summary>A packet from the broker reached the device.</summary>
        public void Reached(Packet packet)
        {
            if (packet.Type == PacketType.ConnAck)
            {
                ConnAckPacket c = (ConnAckPacket)packet;
                if (c.ReasonCode == 0 && !c.SessionPresent) Release();
                return;
            }
            if (packet.Type != PacketType.PubAck && packet.Type != PacketType.PubComp) return;
            int i = _heldIds.IndexOf((int)((AckPacket)packet).PacketId);
            if (i >= 0) ReleaseAt(i);
        }

        // Every id the session held is free (Session Present 0): the device may reuse them, or, having
        // forgotten the CONNACK in a reboot, go on with the flows.
        private void Release()
        {
            while (_heldIds.Count > 0) ReleaseAt(0);
        }

        private void ReleaseAt(int held)
        {
            int id = (int)_heldIds[held];
            int r = _releasedIds.IndexOf(id);
            if (r >= 0) Unrelease(r);
            _releasedIds.Add(id);
            _releasedPayloads.Add(_heldPayloads[held]);
            _releasedAtBoot.Add(_boots);
            _heldIds.RemoveAt(held);
            _heldPayloads.RemoveAt(held);
        }
    }
}
