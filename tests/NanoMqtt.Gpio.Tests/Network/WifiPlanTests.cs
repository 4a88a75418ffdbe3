using nanoFramework.TestFramework;
using NanoMqtt.Network;

namespace NanoMqtt.Tests.Network
{
    /// <summary>Wi-Fi credentials reach flash only when they differ from the stored ones.</summary>
    [TestClass]
    public class WifiPlanTests
    {
        [TestMethod]
        public void WithoutConfiguredCredentialsNothingIsWrittenOrJoined()
        {
            for (int attempt = 0; attempt < 25; attempt++)
            {
                Assert.AreEqual((int)WifiAction.Wait, (int)WifiPlan.Next(null, null, "home", "secret-1", false, attempt));
            }
        }

        [TestMethod]
        public void DifferentCredentialsAreStoredOnce()
        {
            // (A null string cannot be a DataRow argument: the MetadataProcessor refuses it.)
            StoredOnce("home", "secret-1", "other", "secret-1");
            StoredOnce("home", "secret-1", "home", "secret-2");
            StoredOnce("home", null, "home", "secret-1");
            StoredOnce("home", "secret-1", null, null);
        }

        private static void StoredOnce(string ssid, string password, string storedSsid, string storedPassword)
        {
            Assert.AreEqual((int)WifiAction.StoreAndJoin, (int)WifiPlan.Next(ssid, password, storedSsid, storedPassword, true, 0));
            Assert.AreEqual((int)WifiAction.Wait, (int)WifiPlan.Next(ssid, password, ssid, password, false, 1), "once stored, the next attempt writes nothing");
        }

        [TestMethod]
        public void AnOpenNetworkMatchesAnEmptyStoredPassword()
        {
            Assert.AreEqual((int)WifiAction.Wait, (int)WifiPlan.Next("cafe", null, "cafe", "", true, 0));
        }

        [TestMethod]
        public void WhileWifiStaysDownEveryTenthAttemptJoinsAndNoneWrites()
        {
            string actions = "";
            for (int attempt = 0; attempt < 21; attempt++)
            {
                WifiAction a = WifiPlan.Next("home", "secret-1", "home", "secret-1", false, attempt);
                Assert.AreNotEqual((int)WifiAction.StoreAndJoin, (int)a);
                if (a == WifiAction.Join) actions += attempt.ToString() + ",";
            }
            Assert.AreEqual("0,10,20,", actions);
            Assert.AreEqual((int)WifiAction.Wait, (int)WifiPlan.Next("home", "secret-1", "home", "secret-1", true, 10), "up: nothing to do");
        }
    }
}
