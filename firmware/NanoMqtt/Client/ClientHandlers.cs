using NanoMqtt.Protocol;
using NanoMqtt.Session;

namespace NanoMqtt.Client
{
    /// <summary>A message from the broker; <paramref name="message"/> and its slices are valid only during the call.</summary>
    public delegate void MessageReceivedHandler(MqttSessionClient sender, PublishPacket message);

    /// <summary>A session or link event (<see cref="SessionEvent"/>; <paramref name="argument"/> as documented there).</summary>
    public delegate void SessionEventHandler(MqttSessionClient sender, SessionEvent e, int argument);

    /// <summary>The connection is up: <paramref name="sessionPresent"/> tells whether the broker kept the session.</summary>
    public delegate void ConnectedHandler(MqttSessionClient sender, bool sessionPresent);
}
