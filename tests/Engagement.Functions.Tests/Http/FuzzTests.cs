using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using static Engagement.Functions.Tests.Http.HttpFunctionHost;

namespace Engagement.Functions.Tests.Http;

/// <summary>
/// Seeded mutations of valid Segment and CloudEvents bodies (cut short, bytes flipped, characters inserted, invalid UTF-8,
/// deep nesting) posted to the Azure HTTP functions, called directly: every answer is a 2xx or a 400 whose message is one
/// line, never an exception (which the Functions host would turn into a 500 and the client into retries). A failure names
/// the case to replay.
/// </summary>
public sealed class FuzzTests
{
    private const int Seed = 20261205;

    private static readonly string[] SegmentSamples =
    [
        """{ "batch": [ { "type": "identify", "userId": "c-1", "messageId": "m1", "traits": { "email": "a@example.com", "smsOptIn": false } }, { "type": "track", "userId": "c-1", "messageId": "m2", "event": "Order Completed", "properties": { "order_id": "o", "total": 3 } }, { "type": "page", "userId": "c-1", "messageId": "m3" } ] }""",
        """{ "userId": "c-2", "messageId": "m4", "event": "Signed Up", "timestamp": "2026-03-01T10:00:00Z" }""",
        """{ "userId": "c-3", "messageId": "m5", "event": "Signed Up", "timestamp": "9999-12-31T23:59:59.9999999Z" }""",
    ];

    private static readonly string[] CloudEventSamples =
    [
        """{ "specversion": "1.0", "type": "order.placed", "source": "/s", "id": "1", "subject": "c-1", "data": { "orderId": "o", "amount": 1 } }""",
        """[ { "specversion": "1.0", "type": "customer.registered", "source": "/s", "id": "2", "subject": "c-2" }, { "specversion": "1.0", "type": "x", "source": "/s", "id": "3" } ]""",
        """{ "specversion": "1.0", "type": "order.placed", "source": "/s", "id": "4", "subject": "c-4", "time": "0001-01-01T00:00:00Z", "data": {} }""",
    ];

    private static readonly string[] CloudEventTypes = ["application/cloudevents+json", "application/cloudevents-batch+json", "application/cloudevents+json; charset=utf-8"];

    [Fact]
    public async Task SegmentRoutes_MutatedBodies_Answer2xxOr400WithOneLine()
    {
        var random = new Random(Seed);
        string[] calls = ["batch", "identify", "track", "page", "alias", "batch"];
        for (var i = 0; i < 300; i++)
        {
            var host = new HttpFunctionHost();
            var call = calls[random.Next(calls.Length)];
            var body = Mutate(random, SegmentSamples[random.Next(SegmentSamples.Length)], out var how);
            var result = await Run(() => host.Segment().RunAsync(Post("/api/v1/" + call, body, headers: Basic(WriteKey)), CancellationToken.None), $"case {i} (/v1/{call}, {how})");

            AssertWellFormed(result, $"case {i} (/v1/{call}, {how})");
        }
    }

    [Fact]
    public async Task Ingest_MutatedCloudEvents_Answer2xxOr400WithOneLine()
    {
        var random = new Random(Seed + 1);
        for (var i = 0; i < 300; i++)
        {
            var host = new HttpFunctionHost();
            var contentType = CloudEventTypes[random.Next(CloudEventTypes.Length)];
            var body = Mutate(random, CloudEventSamples[random.Next(CloudEventSamples.Length)], out var how);
            var result = await Run(() => host.Ingest().RunAsync(Post("/api/events", body, contentType), CancellationToken.None), $"case {i} ({contentType}, {how})");

            AssertWellFormed(result, $"case {i} ({contentType}, {how})");
        }
    }

    private static async Task<IActionResult> Run(Func<Task<IActionResult>> call, string what)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException($"{what}: threw {ex.GetType().Name}: {ex.Message}");
        }
    }

    private static void AssertWellFormed(IActionResult result, string what)
    {
        var status = Status(result);
        Assert.True(status is 200 or 202 or 400, $"{what}: answered {status}");
        if (status == 400)
        {
            var text = JsonSerializer.Serialize(Assert.IsAssignableFrom<ObjectResult>(result).Value);
            Assert.False(text.Contains("\\n", StringComparison.Ordinal) || text.Contains("   at ", StringComparison.Ordinal), $"{what}: not one line: {text}");
        }
    }

    /// <summary>One mutation of a valid body; <paramref name="how"/> names it.</summary>
    private static byte[] Mutate(Random random, string sample, out string how)
    {
        var bytes = Encoding.UTF8.GetBytes(sample);
        switch (random.Next(6))
        {
            case 0:
                var cut = random.Next(bytes.Length);
                how = $"cut at {cut}";
                return bytes[..cut];
            case 1:
                var at = random.Next(bytes.Length);
                bytes[at] = (byte)random.Next(256);
                how = $"byte {at} flipped to {bytes[at]}";
                return bytes;
            case 2:
                var insert = random.Next(sample.Length);
                var junk = "{}[]\",:\\\u0000\ud7ff1e999-"[random.Next(16)];
                how = $"'{(int)junk:x}' inserted at {insert}";
                return Encoding.UTF8.GetBytes(sample.Insert(insert, junk.ToString()));
            case 3:
                how = "invalid UTF-8 inside a string";
                return [.. bytes[..(bytes.Length / 2)], 0xC3, 0x28, .. bytes[(bytes.Length / 2)..]];
            case 4:
                how = "nested 200 deep";
                return Encoding.UTF8.GetBytes(sample.Replace("\"c-1\"", new string('[', 200) + new string(']', 200), StringComparison.Ordinal));
            default:
                how = "as is";
                return bytes;
        }
    }
}
