namespace NanoMqtt.Tests.Support
{
    /// <summary>Builds a fresh device for one run.</summary>
    public delegate DeviceHarness HarnessFactory();

    /// <summary>One step of a scenario, run on a device (may lose power anywhere).</summary>
    public delegate void DeviceStep(DeviceHarness device);

    /// <summary>
    /// SQLite-style crash testing: a scenario is run once to count its flash writes, then once per
    /// cut point (every write, several byte offsets inside it) with the power cut there; the
    /// device reboots, finishes the scenario's recovery and every invariant is checked.
    /// </summary>
    public static class CrashSweep
    {
        /// <summary>Bytes of the interrupted write that reach flash: none, a few, a header's worth, most, all.</summary>
        public static readonly int[] Offsets = new int[] { 0, 1, 3, 7, 9, 12, 30, 1000000 };

        /// <summary>Runs the sweep on both file systems <see cref="FaultyFlash"/> models (a plain one that
        /// tears writes, and LittleFS's commit, which loses what was not committed); returns the number of
        /// cut points, or throws on the first broken invariant.</summary>
        public static int Run(string name, HarnessFactory factory, DeviceStep scenario, DeviceStep recovery, bool exactlyOnceOut)
        {
            int cuts = 0;
            try
            {
                FaultyFlash.AtomicByDefault = false;
                cuts += RunOn(name + " (torn writes)", factory, scenario, recovery, exactlyOnceOut);
                FaultyFlash.AtomicByDefault = true;
                cuts += RunOn(name + " (LittleFS commits)", factory, scenario, recovery, exactlyOnceOut);
            }
            finally
            {
                FaultyFlash.AtomicByDefault = false;
            }
            return cuts;
        }

        private static int RunOn(string name, HarnessFactory factory, DeviceStep scenario, DeviceStep recovery, bool exactlyOnceOut)
        {
            int cuts = 0;
            for (int write = 0; ; write++)
            {
                bool reachedEnd = false;
                for (int o = 0; o < Offsets.Length; o++)
                {
                    DeviceHarness h = factory();
                    int start = h.Flash.Writes;
                    h.Flash.CutAt(start + write, Offsets[o]);
                    try
                    {
                        scenario(h);
                    }
                    catch (PowerCutException)
                    {
                        cuts++;
                        h.PowerCut();
                        h.Boot();
                        recovery(h);
                        string broken = h.CheckInvariants(exactlyOnceOut);
                        if (broken != null)
                        {
                            throw new System.Exception(name + ": cut at write " + write + " after " + Offsets[o] + " bytes: " + broken + " [" + h.Describe() + "]");
                        }
                        continue;
                    }
                    // The run the cut did not reach: the scenario ended whole, and must be right too.
                    h.Flash.CutAt(-1, 0);
                    recovery(h);
                    string wrong = h.CheckInvariants(exactlyOnceOut);
                    if (wrong != null) throw new System.Exception(name + ": uncut run: " + wrong + " [" + h.Describe() + "]");
                    reachedEnd = true;
                    break;
                }
                if (reachedEnd) break;
            }
            nanoFramework.TestFramework.OutputHelper.WriteLine(name + ": " + cuts + " cut points");
            return cuts;
        }
    }
}
