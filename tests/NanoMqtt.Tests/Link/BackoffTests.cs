using nanoFramework.TestFramework;
using NanoMqtt.Link;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Link
{
    /// <summary>Exponential backoff with full jitter: the bound doubles per failure up to the cap, the
    /// delay is drawn below it, bad credentials wait between half the cap and the cap.</summary>
    [TestClass]
    public class BackoffTests
    {
        [TestMethod]
        public void TheBoundDoublesPerFailureUpToTheCap()
        {
            FakeRandom top = new FakeRandom();
            Backoff b = new Backoff(100, 1000, top);
            int[] ceilings = new int[] { 100, 200, 400, 800, 1000, 1000 };
            for (int i = 0; i < ceilings.Length; i++)
            {
                Assert.AreEqual(i, b.Attempt);
                Assert.AreEqual(ceilings[i], b.Ceiling, "attempt " + i);
                Assert.AreEqual(ceilings[i] - 1, b.NextDelayMs(), "the delay stays below the bound");
            }
            b.Reset();
            Assert.AreEqual(0, b.Attempt);
            Assert.AreEqual(100, b.Ceiling);
        }

        [TestMethod]
        public void AJitterStaysUnderTheBaseAndCountsNoAttempt()
        {
            FakeRandom top = new FakeRandom();
            Backoff b = new Backoff(100, 1000, top);
            b.NextDelayMs();
            b.NextDelayMs();
            Assert.AreEqual(99, b.JitterMs(), "under the base, not under the grown bound");
            Assert.AreEqual(2, b.Attempt, "a flood is not a failure");
            top.PerMille = 0;
            Assert.AreEqual(0, b.JitterMs());
        }

        [TestMethod]
        public void TheDelayIsDrawnFromZeroUp()
        {
            FakeRandom bottom = new FakeRandom();
            bottom.PerMille = 0;
            Backoff b = new Backoff(100, 1000, bottom);
            Assert.AreEqual(0, b.NextDelayMs());
            Assert.AreEqual(1, b.Attempt);
        }

        [TestMethod]
        [DataRow(0, 500)]
        [DataRow(1000, 1000)]
        [DataRow(500, 750)]
        public void BadCredentialsWaitBetweenHalfTheCapAndTheCap(int perMille, int expected)
        {
            FakeRandom r = new FakeRandom();
            r.PerMille = perMille;
            Backoff b = new Backoff(100, 1000, r);
            Assert.AreEqual(expected, b.CapDelayMs());
            Assert.AreEqual(1, b.Attempt, "it counts as a failure");
            Assert.AreEqual(200, b.Ceiling);
        }

        [TestMethod]
        public void ABaseUnderOneAndACapUnderTheBaseAreRaised()
        {
            FakeRandom top = new FakeRandom();
            Backoff zero = new Backoff(0, 0, top);
            Assert.AreEqual(1, zero.Ceiling);
            Backoff inverted = new Backoff(500, 100, top);
            inverted.NextDelayMs();
            inverted.NextDelayMs();
            Assert.AreEqual(500, inverted.Ceiling, "the cap is never below the base");
        }
    }
}
