"""A backend client written with paho-mqtt, driven by JSON lines on stdin, reporting JSON lines on stdout.

Usage: python3 peer.py PORT CLIENT_ID VERSION(4|5) [USER PASSWORD]; the line protocol is peer.mjs's.
"""
import json
import sys
import threading

import paho.mqtt.client as mqtt

port, client_id, version = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
out = threading.Lock()
pending = {}  # paho message id -> command id


def say(o):
    with out:
        sys.stdout.write(json.dumps(o) + "\n")
        sys.stdout.flush()


v5 = version == 5
client = mqtt.Client(client_id=client_id, protocol=mqtt.MQTTv5 if v5 else mqtt.MQTTv311,
                     clean_session=None if v5 else True)
if len(sys.argv) > 5:
    client.username_pw_set(sys.argv[4], sys.argv[5])


def on_connect(c, userdata, flags, rc, properties=None):
    say({"ev": "ready"} if rc == 0 else {"ev": "error", "message": "CONNACK %s" % rc})


def on_message(c, userdata, m):
    say({"ev": "msg", "topic": m.topic, "payload": m.payload.decode("utf-8"), "qos": m.qos, "retain": bool(m.retain)})


def on_publish(c, userdata, mid):
    with out:
        command = pending.pop(mid, None)
    if command is not None:
        say({"ev": "done", "id": command})


def on_subscribe(c, userdata, mid, granted, properties=None):
    with out:
        command = pending.pop(mid, None)
    codes = [g.value if hasattr(g, "value") else g for g in granted]
    say({"ev": "done", "id": command, "granted": codes})


client.on_connect, client.on_message = on_connect, on_message
client.on_publish, client.on_subscribe = on_publish, on_subscribe
if v5:
    client.connect("127.0.0.1", port, keepalive=30, clean_start=True)
else:
    client.connect("127.0.0.1", port, keepalive=30)
client.loop_start()

for line in sys.stdin:
    c = json.loads(line)
    # The lock spans the call and the bookkeeping, so an acknowledgement cannot overtake it.
    with out:
        if c["op"] == "pub":
            info = client.publish(c["topic"], c["payload"], qos=c["qos"], retain=c["retain"])
            mid = info.mid
        else:
            _, mid = client.subscribe(c["filter"], qos=c["qos"])
        pending[mid] = c["id"]
    if c["op"] == "pub" and c["qos"] == 0:
        on_publish(client, None, mid)

client.disconnect()
client.loop_stop()
