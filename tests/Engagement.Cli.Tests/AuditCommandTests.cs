using Engagement.Local.Security;
using Engagement.Local.Storage;
using Newtonsoft.Json.Linq;
using NodaTime;
using NodaTime.Testing;

namespace Engagement.Cli.Tests;

/// <summary><c>engage audit</c> over a serve database's audit trail.</summary>
public sealed class AuditCommandTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("engage-audit-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_temp, recursive: true);
    }

    [Fact]
    public async Task Audit_WithFilters_ListsOnlyTheMatchingEntriesAsJson()
    {
        var db = await SeedAsync();

        var byCustomer = Engage.Run("audit", "--db", db, "--customer", "c1", "--format", "json");
        var byAction = Engage.Run("audit", "--db", db, "--action", "customer.erase", "--format", "json");
        var since = Engage.Run("audit", "--db", db, "--since", "2026-03-02T00:00:00Z", "--who", "crm", "--format", "json");

        Assert.Equal(["customer.read", "customer.erase"], Lines(byCustomer.Out).Select(l => (string?)l["action"]));
        Assert.Equal(("admin", "c1", "10.0.0.7"), Lines(byAction.Out).Select(l => ((string?)l["who"], (string?)l["customerId"], (string?)l["from"])).Single());
        Assert.Equal(["c2"], Lines(since.Out).Select(l => (string?)l["customerId"]));
        Assert.Equal("2026-03-02T09:00:00Z", (string?)Lines(since.Out)[0]["at"]);
    }

    [Fact]
    public async Task Audit_Table_ShowsEveryEntryAndTheCount()
    {
        var db = await SeedAsync();

        var (code, output, _) = Engage.Run("audit", "--db", db);

        Assert.Equal(0, code);
        Assert.Contains("3 entries", output);
        Assert.Contains("customer.erase", output);
    }

    [Theory]
    [InlineData("--since", "yesterday")]
    [InlineData("--action", "customer.peek")]
    public async Task Audit_BadFilter_IsAUsageErrorNamingTheValue(string option, string value)
    {
        var db = await SeedAsync();

        var (code, _, error) = Engage.Run("audit", "--db", db, option, value);

        Assert.Equal(2, code);
        Assert.Contains(value, error);
    }

    private async Task<string> SeedAsync()
    {
        var db = Path.Combine(_temp, "engage.db");
        var clock = new FakeClock(Instant.FromUtc(2026, 3, 1, 9, 0));
        var trail = new SqliteAuditTrail(SqliteDatabase.Open(db), clock);
        await trail.AppendAsync([new AuditEvent("ops", AuditActions.CustomerRead, "c1", "127.0.0.1")], CancellationToken.None);
        await trail.AppendAsync([new AuditEvent("admin", AuditActions.CustomerErase, "c1", "10.0.0.7")], CancellationToken.None);
        clock.Advance(Duration.FromDays(1));
        await trail.AppendAsync([new AuditEvent("crm", AuditActions.ConsentChange, "c2", "127.0.0.1", "consent.revoked email")], CancellationToken.None);
        return db;
    }

    private static List<JObject> Lines(string output)
    {
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Parse)];

        static JObject Parse(string line)
        {
            using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(line)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
            return JObject.Load(reader);
        }
    }
}
