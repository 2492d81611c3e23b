using System.Net;
using System.Text;
using Engagement.Cli.Samples;
using Engagement.Engine.Catalog;
using Engagement.Local.Hosting;
using Engagement.Local.Http;
using Engagement.Local.Security;
using Engagement.Local.Tests.Hosting;
using Engagement.Local.Tests.Storage;
using Newtonsoft.Json.Linq;

namespace Engagement.Local.Tests.Security;

/// <summary>
/// The whole embedded host with a key file, fed over HTTP: the samples, profiles with names, and lines it rejects. No email
/// address, phone number or name it was given may be found anywhere in the file: not in any column of any table, not in the
/// raw bytes of the database or of its write-ahead log. A plain-text run of the same input finds them (the scan can fail).
/// </summary>
public sealed class EncryptionAtRestTests : IDisposable
{
    private const string Key = "encryption-test-key-0123456789";
    private static readonly string[] Names = ["Aurelia", "Brightwater", "Qiaofeng", "Xiaoming", "Oyelaran", "Zephyrine", "Quintavalle", "Marisol", "Okonkwo"];
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Serve_WithAKeyFile_LeavesNoContactDetailOrNameReadableInTheFileOrItsLog()
    {
        var keys = KeyFile.CreateNew(Path.Combine(_files.Root, "keys.json"));
        var needles = await FeedAsync(keys, checkWal: true);

        var columns = needles.SelectMany(n => SqliteFileScan.TextColumnsContaining(_files.Db, n).Select(c => $"{n} in {c}")).ToList();
        var bytes = await File.ReadAllBytesAsync(_files.Db);

        Assert.True(needles.Count > 60, $"a meaningful sample: {needles.Count} contact details and names");
        Assert.Empty(columns);
        Assert.DoesNotContain(needles, n => Contains(bytes, n));
        Assert.True(SqliteFileScan.Scalar(_files.Db, "SELECT COUNT(*) FROM outbox") > 20, "the journeys sent messages");
        Assert.True(SqliteFileScan.Scalar(_files.Db, "SELECT COUNT(*) FROM rejected WHERE customer_id = 'c-named-1'") >= 1, "the rejected line keeps its owner");
        Assert.True(SqliteFileScan.Scalar(_files.Db, "SELECT COUNT(*) FROM contact_index") >= 2 * 25, "contacts are indexed");
        // The scan covered the audit trail and the index too (every table is scanned): they hold rows, none of them readable.
        Assert.Equal(
            [AuditActions.ConsentChange, AuditActions.CustomerLookup, AuditActions.CustomerRead, AuditActions.KeyChange, AuditActions.OutboxRead],
            SqliteFileScan.Strings(_files.Db, "SELECT DISTINCT action FROM audit ORDER BY action"));
        Assert.True(SqliteFileScan.Scalar(_files.Db, "SELECT COUNT(*) FROM rejected WHERE contact IS NOT NULL") >= 2, "refused lines keep their contact's index entry");
        Assert.True(SqliteFileScan.Scalar(_files.Db, "SELECT COUNT(*) FROM profiles WHERE customer_id = 'c-profile-1'") == 1, "the imported profile with a name is there");
    }

    [Fact]
    public async Task Serve_InPlainText_TheSameScanFindsTheContactDetails()
    {
        var needles = await FeedAsync(keys: null, checkWal: false, customers: 10);

        Assert.NotEmpty(SqliteFileScan.TextColumnsContaining(_files.Db, "aurelia.brightwater.1@shop.example"));
        Assert.Contains(needles, n => SqliteFileScan.TextColumnsContaining(_files.Db, n).Count > 0);
    }

    /// <summary>Feeds the host over HTTP, waits until it is idle, optionally checks the WAL, and returns every contact detail and name given.</summary>
    private async Task<List<string>> FeedAsync(KeyFile? keys, bool checkWal, int customers = 25)
    {
        var profiles = new StringWriter();
        var events = new StringWriter();
        new SampleDataGenerator(SampleDataOptions.Default with { Customers = customers }).Write(profiles, events);
        var profileLines = profiles.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var eventLines = events.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var catalog = JourneyCatalog.Load(Path.Combine(TestFiles.Repository, "journeys"), out _);
        var needles = new List<string>();
        foreach (var line in profileLines)
        {
            var profile = JObject.Parse(line);
            needles.AddRange(new[] { (string?)profile["email"], (string?)profile["phone"] }.OfType<string>());
        }

        // Imported profiles with names (attributes), as a CRM export carries them.
        profileLines = [.. profileLines,
            """{"customerId":"c-profile-1","email":"zephyrine.q@shop.example","phone":"+447700911001","attributes":{"firstName":"Zephyrine","lastName":"Quintavalle"}}""",
            """{"customerId":"c-profile-2","email":"marisol.o@shop.example","attributes":{"name":"Marisol Okonkwo"}}"""];
        needles.AddRange(["zephyrine.q@shop.example", "+447700911001", "marisol.o@shop.example"]);
        var named = new List<string>();
        var first = JObject.Parse(eventLines[0])["time"]!.ToString(Newtonsoft.Json.Formatting.None).Trim('"');
        for (var i = 1; i <= 10; i++)
        {
            var email = $"aurelia.brightwater.{i}@shop.example";
            var phone = $"+4477009{i:00000}";
            needles.AddRange([email, phone]);
            named.Add(new JObject
            {
                ["id"] = $"named-{i}", ["type"] = "customer.registered", ["customerId"] = $"c-named-{i}", ["time"] = first,
                ["data"] = new JObject
                {
                    ["email"] = email, ["phone"] = phone, ["firstName"] = Names[i % Names.Length] + i, ["lastName"] = "Brightwater",
                    ["channels"] = new JArray("email", "sms"),
                },
            }.ToString(Newtonsoft.Json.Formatting.None));
        }

        needles.AddRange(Names);
        // Lines the host rejects but keeps: an order without a type, with an email in it, and a broken line naming its customer.
        named.Add("""{"id":"bad-1","customerId":"c-named-1","time":"2026-01-05T00:00:00Z","data":{"email":"rejected.oyelaran@shop.example"}}""");
        named.Add("""{"id":"bad-2","type":"order.placed","customerId":"c-named-2","data":{"note":"call Qiaofeng on +447700900777""");
        needles.AddRange(["rejected.oyelaran@shop.example", "+447700900777"]);

        await using (var host = EmbeddedHost.Open(
            new EmbeddedHostOptions { DatabasePath = _files.Db, Clock = ClockMode.Virtual, IdlePoll = TimeSpan.FromMilliseconds(10), Keys = keys },
            catalog))
        {
            await host.StartAsync(CancellationToken.None);
            await using var api = await HttpApi.StartAsync(host, new HttpApiOptions { Urls = ["http://127.0.0.1:0"], ApiKeys = [Key] }, CancellationToken.None);
            using var http = new HttpClient { BaseAddress = api.Address };
            http.DefaultRequestHeaders.Add("X-Api-Key", Key);
            await host.IngestProfilesAsync(profileLines, "file:profiles.jsonl", CancellationToken.None);
            foreach (var chunk in named.Concat(eventLines).Chunk(500))
            {
                var posted = await http.PostAsync("/events", new StringContent(string.Join('\n', chunk), Encoding.UTF8, "application/x-ndjson"));
                Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
            }

            host.CompleteInput(host.LatestInputTime!.Value + NodaTime.Duration.FromDays(60));
            await HostHarness.IdleAsync(host);
            var lookup = JObject.Parse(await (await http.PostAsync("/customers/lookup", new StringContent("""{"email":" Aurelia.Brightwater.3@SHOP.example"}""", Encoding.UTF8, "application/json"))).Content.ReadAsStringAsync());
            Assert.Equal(["c-named-3"], lookup["customerIds"]!.Select(t => (string)t!));
            // Audited reads, and Segment calls naming customers only by contact: one found (names in its traits), one refused and kept.
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/customers/c-named-1")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/outbox?customerId=c-named-2")).StatusCode);
            var identify = await http.PostAsync("/v1/batch", new StringContent(
                """{"batch":[{"type":"identify","messageId":"s1","traits":{"email":"Aurelia.Brightwater.4@shop.example","firstName":"Okonkwo"}},{"type":"track","messageId":"s2","event":"Email Unsubscribed","context":{"traits":{"phone":"+447700900005"}}},{"type":"identify","messageId":"s3","traits":{"phone":"+447700911999","lastName":"Marisol"}}]}""",
                Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, identify.StatusCode);
            needles.Add("+447700911999");
            await HostHarness.IdleAsync(host);
            Assert.Equal("Okonkwo", (await host.GetCustomerAsync("c-named-4", CancellationToken.None))!.Profile.Attributes["firstName"].AsString());
            if (checkWal)
            {
                var wal = ReadShared(_files.Db + "-wal");
                Assert.True(wal.Length > 0, "the write-ahead log is there to scan");
                Assert.DoesNotContain(needles, n => Contains(wal, n));
                var file = ReadShared(_files.Db);
                Assert.DoesNotContain(needles, n => Contains(file, n));
            }

            await host.StopAsync(CancellationToken.None);
        }

        return needles;
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static bool Contains(byte[] haystack, string needle) =>
        haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0
        || haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle.ToLowerInvariant())) >= 0;
}
