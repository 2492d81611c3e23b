using System.Net;
using System.Text;
using Engagement.Engine.Ports;
using Engagement.Local.Channels;
using Engagement.Local.Configuration;
using Engagement.Local.Http;
using Engagement.Local.Tests.Channels;
using Engagement.Local.Tests.Hosting;
using Newtonsoft.Json.Linq;
using static Engagement.Local.Tests.Hosting.HostHarness;

namespace Engagement.Local.Tests.Http;

/// <summary>The whole embedded product in one process: the HTTP API over the real <c>EmbeddedHost</c> on a SQLite file, with
/// the SMTP transport delivering to the real maildev.</summary>
public sealed class HttpApiWithEmbeddedHostTests : IDisposable
{
    private const string Key = "integration-key-0123456789";
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [MaildevFact]
    public async Task PostEvents_ThroughTheRealHost_SendsTheEmailOverSmtpAndTheApiShowsIt()
    {
        var customer = "c-http-" + Environment.ProcessId + "-" + Environment.TickCount64;
        await using var smtp = new SmtpChannelSender(new SmtpOptions
        {
            Host = "127.0.0.1", Port = Maildev.SmtpPort!.Value, Tls = SmtpTlsMode.None, FromAddress = "news@shop.example", TimeoutSeconds = 10,
        }, TimeProvider.System);
        var transports = new Dictionary<string, IChannelSender> { ["email"] = smtp };
        await using var host = await StartAsync(_files, TestJourneys.Write(_files.Root), Clock(), transports: transports);
        await using var api = await HttpApi.StartAsync(host, new HttpApiOptions { Urls = ["http://127.0.0.1:0"], ApiKeys = [Key] }, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = api.Address };
        http.DefaultRequestHeaders.Add("X-Api-Key", Key);

        var body = TestJourneys.Registered("e1-" + customer, customer, "2026-03-02T10:00:00Z") + "\n" + """{"id":"bad","type":"order.placed"}""";
        var posted = await http.PostAsync("/events", new StringContent(body, Encoding.UTF8, "application/x-ndjson"));
        var answer = JObject.Parse(await posted.Content.ReadAsStringAsync());
        await EventuallyAsync(async () => (await OutboxAsync(host, customer)) is [{ State: "delivered" }], "the email delivered by SMTP");

        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        Assert.Equal((1, 2), ((int)answer["accepted"]!, (int)answer["rejected"]![0]!["line"]!));
        var row = Assert.Single(await OutboxAsync(host, customer));
        Assert.Equal("smtp", row.Transport);
        var received = await Maildev.WaitForAsync(EmailComposer.MessageIdFor(row.Message.LedgerKey, "shop.example"));
        Assert.Equal("Hello", Assert.Single(received).Subject);

        var view = JObject.Parse(await http.GetStringAsync("/customers/" + customer));
        Assert.Equal(customer + "@example.com", (string?)view["profile"]!["email"]);
        Assert.Contains(view["messages"]!, m => (string?)m["status"] == "sent");
        var journeys = (JArray)JObject.Parse(await http.GetStringAsync("/journeys"))["journeys"]!;
        Assert.Equal(1, (int)journeys.Single(j => (string?)j["id"] == "nudge")["entered"]!);
        var outbox = JObject.Parse(await http.GetStringAsync("/outbox?customerId=" + customer));
        Assert.Single((JArray)outbox["messages"]!);

        var erased = await http.DeleteAsync("/customers/" + customer);
        Assert.Equal(HttpStatusCode.Accepted, erased.StatusCode);
        await EventuallyAsync(async () =>
        {
            var after = await http.GetAsync("/customers/" + customer);
            return after.StatusCode == HttpStatusCode.NotFound
                || JObject.Parse(await after.Content.ReadAsStringAsync())["profile"]?["email"] is null;
        }, "the erased customer's contact details gone");
    }
}
