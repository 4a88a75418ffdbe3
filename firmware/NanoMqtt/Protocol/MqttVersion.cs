namespace NanoMqtt.Protocol
{
    /// <summary>MQTT protocol level as sent in CONNECT.</summary>
    public enum MqttVersion : byte
    {
        /// <summary>MQTT 3.1.1.</summary>
        V311 = 4,
        /// <summary>MQTT 5.0.</summary>
        V500 = 5,
    }
}
