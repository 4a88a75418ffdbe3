using NanoMqtt.Link;
using NanoMqtt.Session;
using NanoMqtt.Storage;

namespace NanoMqtt.App
{
    /// <summary>The words the app logs for session events, link states, journal openings and publish results.</summary>
    public static class EventText
    {
        /// <summary>A session event and its argument.</summary>
        public static string Describe(SessionEvent e, int argument)
        {
            string arg = argument.ToString();
            switch (e)
            {
                case SessionEvent.Connected: return "connected, Session Present " + arg;
                case SessionEvent.ConnectRefused: return "connection refused (reason " + arg + ")";
                case SessionEvent.SessionLost: return "the broker lost the session: " + arg + " message(s) queued again";
                case SessionEvent.ReconnectRequired: return "reconnecting to start a clean session";
                case SessionEvent.ProtocolError: return "protocol error (" + arg + ")";
                case SessionEvent.MessageCompleted: return "message " + arg + " acknowledged";
                case SessionEvent.MessageRejected: return "message refused by the broker (reason " + arg + ")";
                case SessionEvent.MessageDropped: return "message " + arg + " dropped";
                case SessionEvent.Subscribed: return argument == 0 ? "subscribed" : "subscribed, " + arg + " filter(s) refused";
                case SessionEvent.JournalError: return "journal error (" + arg + ")";
                case SessionEvent.SessionEnded: return "session ended";
                case SessionEvent.Disconnected: return "the broker disconnected (reason " + arg + ")";
                case SessionEvent.Unsubscribed: return "unsubscribed";
                case SessionEvent.MessageTooLarge: return "a message of " + arg + " bytes was over the maximum packet size: acknowledged and dropped";
                case SessionEvent.SubscriptionDowngraded: return "the broker granted filter " + arg + " less QoS than asked";
                case SessionEvent.ReceiveMaximumExceeded: return "the broker sent more QoS 2 messages than the device can hold: reconnecting for the deferred ones";
                case SessionEvent.PublishDowngraded: return "the broker took message " + arg + " at QoS 1 (PUBACK for a QoS 2 PUBLISH)";
                default: return "event " + ((int)e).ToString() + " " + arg;
            }
        }

        /// <summary>Where the link driver is.</summary>
        public static string Describe(LinkState state)
        {
            switch (state)
            {
                case LinkState.WaitingForNetwork: return "waiting for the network";
                case LinkState.BackingOff: return "backing off";
                case LinkState.AwaitingConnAck: return "connecting";
                case LinkState.Online: return "online";
                default: return "state " + ((int)state).ToString();
            }
        }

        /// <summary>What opening the journal found.</summary>
        public static string Describe(JournalOpenResult result)
        {
            switch (result)
            {
                case JournalOpenResult.New: return "new";
                case JournalOpenResult.Resumed: return "resumed";
                case JournalOpenResult.TailCut: return "resumed (torn tail cut)";
                case JournalOpenResult.Lost: return "unreadable, started anew";
                default: return "open result " + ((int)result).ToString();
            }
        }
    }
}
