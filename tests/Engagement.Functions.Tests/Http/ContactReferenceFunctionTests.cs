using Engagement.Cosmos;
using Engagement.Engine.Profiles;
using Engagement.Protection;
using NodaTime;
using static Engagement.Functions.Tests.Http.HttpFunctionHost;

namespace Engagement.Functions.Tests.Http;

/// <summary>
/// Input that names its customer only by email or phone on the Azure host (issue 17): <c>POST /api/events</c> and the Segment API
/// look the contact up in the Cosmos <c>contacts</c> blind index (the local Cosmos server, stores with a key, a database of their
/// own per run) before parsing. Exactly one customer: the event goes onto the topic as theirs; none or several: the line is
/// refused with the reason on <c>customerId</c> (<c>userId</c>), naming the field, never the contact. Without a key there is
/// no index and the line is refused saying so.
/// </summary>
public sealed class ContactReferenceFunctionTests
{
    private static readonly Lazy<Task<CosmosStores>> Cosmos = new(() => CosmosStores.CreateAsync(
        CosmosClients.ForLocalServer(LocalCosmosFactAttribute.Endpoint!),
        new CosmosStoreOptions
        {
            DatabaseName = "engagement-functions-contacts-" + Guid.NewGuid().ToString("N")[..8],
            CreateIfNotExists = true,
            MissingDocumentMayAnswer500 = true,
            Protector = FieldProtector.From(TemporaryKeys()),
        }));

    [LocalCosmosFact]
    public async Task Ingest_AnEventNamingItsCustomerOnlyByEmail_IsTheirs()
    {
        var (host, stores) = await HostAsync();
        var (customer, email) = (NewId(), NewEmail());
        await stores.Profiles.SaveAsync(new CustomerProfile { CustomerId = customer, Email = email }, CancellationToken.None);

        var result = await host.Ingest().RunAsync(Post("/api/events", Line("e-1", $"\"email\": \"{email.ToUpperInvariant()}\""), "application/x-ndjson"), CancellationToken.None);

        Assert.Equal(202, Status(result));
        var message = Assert.Single(host.Sender.Sent);
        Assert.Equal((customer, "e-1"), (message.SessionId, message.MessageId));
        Assert.Contains($"\"customerId\":\"{customer}\"", message.Body.ToString(), StringComparison.Ordinal);
        Assert.Empty(host.Stores.Rejected);
    }

    [LocalCosmosFact]
    public async Task Ingest_AnUnsubscribeByAddress_GoesOntoTheTopicAsTheCustomersEvent()
    {
        var (host, stores) = await HostAsync();
        var (customer, email) = (NewId(), NewEmail());
        await stores.Profiles.SaveAsync(new CustomerProfile { CustomerId = customer, Email = email }, CancellationToken.None);
        var body = $$"""{ "id": "unsub-1", "type": "customer.unsubscribed", "time": "2026-03-01T09:00:00Z", "data": { "email": "{{email}}", "channel": "email" } }""";

        var result = await host.Ingest().RunAsync(Post("/api/events", body, "application/json"), CancellationToken.None);

        Assert.Equal(202, Status(result));
        var message = Assert.Single(host.Sender.Sent);
        Assert.Equal(("customer.unsubscribed", customer), (message.Subject, message.SessionId));
    }

    [LocalCosmosFact]
    public async Task Ingest_NdjsonMixingIdsEmailsAndPhones_EachLineFindsItsCustomer()
    {
        var (host, stores) = await HostAsync();
        var (first, second, email, phone) = (NewId(), NewId(), NewEmail(), NewPhone());
        await stores.Profiles.SaveAsync(new CustomerProfile { CustomerId = first, Email = email }, CancellationToken.None);
        await stores.Profiles.SaveAsync(new CustomerProfile { CustomerId = second, Phone = phone }, CancellationToken.None);
        var body = string.Join('\n',
            """{ "id": "m-1", "type": "order.placed", "customerId": "c-given", "time": "2026-03-01T10:00:00Z" }""",
            Line("m-2", $"\"email\": \"{email}\""),
            Line("m-3", $"\"phone\": \"{phone}\""),
            Line("m-4", $"\"email\": \"{email}\", \"phone\": \"{phone}\"")); // email first, as on the embedded host

        var result = await host.Ingest().RunAsync(Post("/api/events", body, "application/x-ndjson"), CancellationToken.None);

        Assert.Equal(202, Status(result));
        Assert.Equal([("m-1", "c-given"), ("m-2", first), ("m-3", second), ("m-4", first)], host.Sender.Sent.Select(m => (m.MessageId, m.SessionId)));
    }

    [LocalCosmosFact]
    public async Task Ingest_AnUnknownEmail_IsRejectedWithTheReasonOnCustomerId_NeverNamingTheEmail()
    {
        var (host, _) = await HostAsync();
        var email = NewEmail();

        var result = await host.Ingest().RunAsync(Post("/api/events", Line("u-1", $"\"email\": \"{email}\""), "application/x-ndjson"), CancellationToken.None);

        Assert.Equal(400, Status(result));
        Assert.Empty(host.Sender.Sent);
        var kept = Assert.Single(host.Stores.Rejected);
        Assert.Equal("customerId", kept.Field);
        Assert.Equal("'customerId' is missing and no customer has this data.email: send the customer's id as customerId", kept.Reason);
        var answer = Assert.Single(Json(result).GetProperty("rejected").EnumerateArray()).GetString()!;
        Assert.Equal("line 1: customerId: " + kept.Reason, answer);
        Assert.DoesNotContain(email.Split('@')[0], answer, StringComparison.OrdinalIgnoreCase);
    }

    [LocalCosmosFact]
    public async Task Ingest_TwoCustomersWithOneEmail_IsRejected_ForItCannotChoose()
    {
        var (host, stores) = await HostAsync();
        var email = NewEmail();
        await stores.Profiles.SaveAsync(new CustomerProfile { CustomerId = NewId(), Email = email }, CancellationToken.None);
        await stores.Profiles.SaveAsync(new CustomerProfile { CustomerId = NewId(), Email = email.ToLowerInvariant() }, CancellationToken.None);

        var result = await host.Ingest().RunAsync(Post("/api/events", Line("d-1", $"\"email\": \"{email}\""), "application/x-ndjson"), CancellationToken.None);

        Assert.Equal(400, Status(result));
        Assert.Empty(host.Sender.Sent);
        var kept = Assert.Single(host.Stores.Rejected);
        Assert.Equal(("customerId", "'customerId' is missing and 2 customers have this data.email: send the customer's id as customerId"), (kept.Field, kept.Reason));
    }

    [LocalCosmosFact]
    public async Task Ingest_AfterAProfileChangesItsEmail_TheOldOneNoLongerResolves_TheNewOneDoes()
    {
        var (host, stores) = await HostAsync();
        var (customer, old, fresh) = (NewId(), NewEmail(), NewEmail());
        await stores.Profiles.SaveAsync(new CustomerProfile { CustomerId = customer, Email = old }, CancellationToken.None);
        await stores.Profiles.SaveAsync(new CustomerProfile { CustomerId = customer, Email = fresh }, CancellationToken.None);

        var result = await host.Ingest().RunAsync(Post("/api/events", Line("o-1", $"\"email\": \"{old}\"") + "\n" + Line("o-2", $"\"email\": \"{fresh}\""), "application/x-ndjson"), CancellationToken.None);

        Assert.Equal(202, Status(result));
        Assert.Equal(("o-2", customer), (Assert.Single(host.Sender.Sent).MessageId, Assert.Single(host.Sender.Sent).SessionId));
        var kept = Assert.Single(host.Stores.Rejected);
        Assert.Equal("customerId", kept.Field);
        Assert.Contains("\"o-1\"", kept.Raw, StringComparison.Ordinal);
    }

    [LocalCosmosFact]
    public async Task Ingest_AfterErasure_NeitherTheEmailNorThePhoneResolves()
    {
        var (host, stores) = await HostAsync();
        var (customer, email, phone) = (NewId(), NewEmail(), NewPhone());
        await stores.Profiles.SaveAsync(new CustomerProfile { CustomerId = customer, Email = email, Phone = phone }, CancellationToken.None);

        // As the engine erases (ErasureSteps): the eraser, then the profile.
        await stores.PersonalData.EraseAsync(customer, Instant.FromUtc(2026, 3, 2, 0, 0), CancellationToken.None);
        await stores.Profiles.EraseAsync(customer, CancellationToken.None);
        var result = await host.Ingest().RunAsync(Post("/api/events", Line("x-1", $"\"email\": \"{email}\"") + "\n" + Line("x-2", $"\"phone\": \"{phone}\""), "application/x-ndjson"), CancellationToken.None);

        Assert.Equal(400, Status(result));
        Assert.Empty(host.Sender.Sent);
        Assert.Equal(["customerId", "customerId"], host.Stores.Rejected.Select(r => r.Field));
    }

    [LocalCosmosFact]
    public async Task Segment_AnIdentifyWithoutUserId_NamingTheCustomerByEmail_IsTheirs_AnUnknownPhoneIsRefusedOnUserId()
    {
        var (host, stores) = await HostAsync();
        var (customer, email) = (NewId(), NewEmail());
        await stores.Profiles.SaveAsync(new CustomerProfile { CustomerId = customer, Email = email }, CancellationToken.None);
        var body = $$"""
            { "batch": [
              { "type": "identify", "anonymousId": "a-1", "messageId": "s-1", "timestamp": "2026-03-01T10:00:00Z", "traits": { "email": "{{email}}", "plan": "gold" } },
              { "type": "track", "messageId": "s-2", "event": "Order Completed", "timestamp": "2026-03-01T10:05:00Z", "context": { "traits": { "phone": "{{NewPhone()}}" } }, "properties": { "order_id": "o-1" } }
            ] }
            """;

        var result = await host.Segment().RunAsync(Post("/api/v1/batch", body, headers: ("X-Api-Key", WriteKey)), CancellationToken.None);

        Assert.Equal(200, Status(result));
        Assert.Equal(1, Json(result).GetProperty("accepted").GetInt32());
        Assert.All(host.Sender.Sent, m => Assert.Equal(customer, m.SessionId));
        Assert.NotEmpty(host.Sender.Sent);
        var kept = Assert.Single(host.Stores.Rejected);
        Assert.Equal(("userId", "'userId' is missing and no customer has this context.traits.phone: send the customer's id as userId"), (kept.Field, kept.Reason));
    }

    [Fact]
    public async Task Ingest_WithoutAContactIndex_AnEventNamedByEmailIsRejected_SayingThereIsNoIndex()
    {
        var host = new HttpFunctionHost(); // no key: the host's directory refuses every lookup
        const string body = """{ "id": "n-1", "type": "order.placed", "time": "2026-03-01T10:00:00Z", "data": { "email": "ann@example.com" } }""";

        var result = await host.Ingest().RunAsync(Post("/api/events", body, "application/x-ndjson"), CancellationToken.None);

        Assert.Equal(400, Status(result));
        var kept = Assert.Single(host.Stores.Rejected);
        Assert.Equal("customerId", kept.Field);
        Assert.Equal("'customerId' is missing and this host keeps no contact index, because no encryption key is configured, so no customer can be found by data.email: send the customer's id as customerId", kept.Reason);
    }

    [Fact]
    public async Task Ingest_WithoutAContactIndex_LinesWithACustomerIdAreTakenAsBefore()
    {
        var host = new HttpFunctionHost();
        const string body = """{ "id": "k-1", "type": "order.placed", "customerId": "c-1", "time": "2026-03-01T10:00:00Z", "data": { "email": "ann@example.com" } }""";

        var result = await host.Ingest().RunAsync(Post("/api/events", body, "application/x-ndjson"), CancellationToken.None);

        Assert.Equal(202, Status(result));
        Assert.Equal("c-1", Assert.Single(host.Sender.Sent).SessionId);
    }

    private static async Task<(HttpFunctionHost Host, CosmosStores Stores)> HostAsync()
    {
        var stores = await Cosmos.Value;
        return (new HttpFunctionHost { Contacts = stores.Contacts }, stores);
    }

    private static string Line(string id, string data) =>
        $$"""{ "id": "{{id}}", "type": "order.placed", "time": "2026-03-01T10:00:00Z", "data": { {{data}}, "orderId": "o-1" } }""";

    private static string NewId() => "cr-" + Guid.NewGuid().ToString("N")[..10];

    private static string NewEmail() => "Bea." + Guid.NewGuid().ToString("N")[..10] + "@Example.com";

    private static string NewPhone() => "+3361" + Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static KeyFile TemporaryKeys()
    {
        var dir = Directory.CreateTempSubdirectory("engage-functions-keys-");
        try
        {
            return KeyFile.CreateNew(Path.Combine(dir.FullName, "keys.json"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
