using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace NanoMqtt.Host.Tests.Brokers
{
    /// <summary>
    /// A peer written with another MQTT library, run as a child process: paho-mqtt (peer.py) or
    /// MQTT.js (peer.mjs). Commands go to it as JSON lines; acknowledgements and messages come back.
    /// </summary>
    public sealed class ScriptPeer : IPeer
    {
        private const int ReplyTimeoutMs = 15000;
        private readonly Process _process;
        private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonNode>> _waiting = new();
        private readonly TaskCompletionSource<bool> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<string> _errors = new();
        private int _next;

        public string Name { get; }
        public List<(string Topic, string Payload, bool Retain)> Received { get; } = new();

        private ScriptPeer(string kind, Process process)
        {
            Name = kind == "paho" ? "paho-mqtt" : "MQTT.js";
            _process = process;
            _process.OutputDataReceived += (_, e) => { if (e.Data != null) Take(e.Data); };
            _process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (_errors) _errors.Add(e.Data); };
            _process.Exited += (_, _) => _ready.TrySetException(new InvalidOperationException(Name + " exited: " + Errors));
            _process.EnableRaisingEvents = true;
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public static async Task<ScriptPeer> StartAsync(string kind, int port, string clientId, int version, (string User, string Password)? credentials)
        {
            Require(kind);
            string args = $"{port} {clientId} {version}" + (credentials is { } c ? $" {c.User} {c.Password}" : "");
            var info = kind == "paho"
                ? new ProcessStartInfo("/usr/bin/python3", $"{InteropFolder.File("peer.py")} {args}")
                : new ProcessStartInfo("node", $"{InteropFolder.File("peer.mjs")} {args}");
            info.WorkingDirectory = InteropFolder.Path;
            info.RedirectStandardInput = info.RedirectStandardOutput = info.RedirectStandardError = true;
            info.UseShellExecute = false;
            var peer = new ScriptPeer(kind, Process.Start(info));
            if (await Task.WhenAny(peer._ready.Task, Task.Delay(ReplyTimeoutMs)) != peer._ready.Task)
                throw new TimeoutException(peer.Name + " did not connect: " + peer.Errors);
            await peer._ready.Task;
            return peer;
        }

        // Debian's python3 has paho (python3-paho-mqtt); a python3 earlier on PATH may not.
        private static void Require(string kind)
        {
            string needed = kind == "paho" ? "/usr/lib/python3/dist-packages/paho/mqtt/client.py" : InteropFolder.NodeModule("mqtt");
            if (File.Exists(needed)) return;
            if (kind == "paho") Missing.Report("paho-mqtt", "apt-get install python3-paho-mqtt");
            else Missing.Report("MQTT.js", "npm ci in tests/interop");
        }

        private string Errors { get { lock (_errors) return string.Join(" | ", _errors); } }

        private void Take(string line)
        {
            JsonNode o = JsonNode.Parse(line);
            switch ((string)o["ev"])
            {
                case "ready":
                    _ready.TrySetResult(true);
                    break;
                case "msg":
                    lock (Received) Received.Add(((string)o["topic"], (string)o["payload"], (bool)o["retain"]));
                    break;
                case "done":
                case "error":
                    if (o["id"] is JsonNode id && _waiting.TryRemove((int)id, out var waiter)) waiter.TrySetResult(o);
                    else if ((string)o["ev"] == "error") lock (_errors) _errors.Add((string)o["message"]);
                    break;
            }
        }

        private async Task<JsonNode> Call(JsonObject command)
        {
            int id = System.Threading.Interlocked.Increment(ref _next);
            command["id"] = id;
            var reply = new TaskCompletionSource<JsonNode>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting[id] = reply;
            lock (_process) _process.StandardInput.WriteLine(command.ToJsonString());
            if (await Task.WhenAny(reply.Task, Task.Delay(ReplyTimeoutMs)) != reply.Task)
                throw new TimeoutException($"{Name}: no acknowledgement for {command.ToJsonString()}: {Errors}");
            JsonNode o = await reply.Task;
            if ((string)o["ev"] == "error") throw new InvalidOperationException($"{Name}: {(string)o["message"]}");
            return o;
        }

        public Task PublishAsync(string topic, string payload, int qos, bool retain = false) =>
            Call(new JsonObject { ["op"] = "pub", ["topic"] = topic, ["payload"] = payload, ["qos"] = qos, ["retain"] = retain });

        public Task SubscribeAsync(string filter) =>
            Call(new JsonObject { ["op"] = "sub", ["filter"] = filter, ["qos"] = 1 });

        public Task<bool> WaitAsync(Func<List<(string Topic, string Payload, bool Retain)>, bool> done, int timeoutMs) =>
            Peers.WaitAsync(Received, done, timeoutMs);

        public async ValueTask DisposeAsync()
        {
            try
            {
                _process.StandardInput.Close();
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception)
            {
                _process.Kill(true);
            }
            _process.Dispose();
        }
    }
}
