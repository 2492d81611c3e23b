using System.Net.Http.Headers;
using System.Text;
using Engagement.Local.Http;
using static Engagement.Local.Tests.Http.ApiUnderTest;

namespace Engagement.Local.Tests.Http;

/// <summary>
/// Seeded random bodies, queries and paths: every answer is a 2xx, or a 4xx problem+json, never a 500 or a dropped
/// connection, and the server still answers <c>/healthz</c> afterwards. A failure message names the case to replay.
/// </summary>
public class FuzzTests : IAsyncLifetime
{
    private const int Seed = 20260304;
    private static readonly string?[] ContentTypes =
        [null, "application/json", "application/json; charset=utf-8", "application/x-ndjson", "text/plain", "application/x-www-form-urlencoded", "x/y;;;=", "application/problem+json"];

    private ApiUnderTest _api = null!;

    public async Task InitializeAsync() => _api = await StartApiAsync(o => o with { MaxBodyBytes = 64 * 1024 });

    public virtual async Task DisposeAsync() => await _api.DisposeAsync();

    /// <summary>The API under fuzz: over the recording double here; <see cref="FuzzRealHostTests"/> runs the same cases over the real host.</summary>
    private protected virtual Task<ApiUnderTest> StartApiAsync(Func<HttpApiOptions, HttpApiOptions> configure) => StartAsync(configure);

    [Fact]
    public async Task PostEvents_RandomBodies_AnswerEach2xxOr4xxProblemAndTheServerStaysUp()
    {
        var random = new Random(Seed);
        for (var i = 0; i < 400; i++)
        {
            var body = RandomBodies.Next(random, out var kind);
            var content = new ByteArrayContent(body);
            var contentType = ContentTypes[random.Next(ContentTypes.Length)];
            if (contentType is not null)
            {
                content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }

            await AssertWellFormedAsync(await _api.Client.PostAsync("/events", content), $"case {i} ({kind}, {contentType ?? "no content type"}, {body.Length} bytes)");
        }

        await Answers.JsonAsync(await _api.Anonymous.GetAsync("/healthz"), 200);
    }

    [Fact]
    public async Task PostIntegrations_RandomSegmentAndCloudEventsBodies_AnswerEach2xxOr4xxProblem()
    {
        var random = new Random(Seed + 2);
        string[] routes = ["/v1/batch", "/v1/identify", "/v1/track", "/v1/page", "/v1/alias", "/events", "/events", "/events"];
        string?[] ceTypes = ["application/cloudevents+json", "application/cloudevents-batch+json", "application/cloudevents+json; charset=utf-16", "application/json"];
        using var basic = new HttpClient { BaseAddress = _api.Api.Address };
        basic.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(ApiUnderTest.Key + ":")));
        for (var i = 0; i < 300; i++)
        {
            var route = routes[random.Next(routes.Length)];
            var body = random.Next(3) == 0 ? RandomBodies.Next(random, out var kind) : Encoding.UTF8.GetBytes(IntegrationBodies.Next(random, out kind));
            using var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = new ByteArrayContent(body) };
            var contentType = route == "/events" ? ceTypes[random.Next(ceTypes.Length)] : ContentTypes[random.Next(ContentTypes.Length)];
            if (contentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }

            if (route == "/events" && contentType == "application/json")
            {
                foreach (var (name, value) in IntegrationBodies.CeHeaders(random))
                {
                    request.Headers.TryAddWithoutValidation(name, value);
                }
            }

            await AssertWellFormedAsync(await basic.SendAsync(request), $"case {i} ({kind}, {route}, {contentType ?? "no content type"}, {body.Length} bytes)");
        }

        await Answers.JsonAsync(await _api.Anonymous.GetAsync("/healthz"), 200);
    }

    [Fact]
    public async Task Get_RandomQueriesAndPaths_AnswerEach2xxOr4xxProblem()
    {
        var random = new Random(Seed + 1);
        string[] routes = ["/outbox", "/tasks", "/journeys", "/status", "/customers/", "/unsubscribe", "/healthz", "/events", "/"];
        string[] names = ["after", "limit", "customerId", "channel", "queue", "token", "x", ""];
        for (var i = 0; i < 300; i++)
        {
            var route = routes[random.Next(routes.Length)];
            var query = string.Join("&", Enumerable.Range(0, random.Next(4)).Select(_ =>
                $"{names[random.Next(names.Length)]}={Uri.EscapeDataString(RandomBodies.Text(random, random.Next(0, 40)))}"));
            // Kestrel itself refuses a NUL in the path with a bare 400 before any middleware runs (see docs/http-api.md).
            var segment = RandomBodies.Text(random, random.Next(0, 30)).Replace("\0", "", StringComparison.Ordinal);
            var path = route + (route.EndsWith('/') ? Uri.EscapeDataString(segment) : "") + "?" + query;

            await AssertWellFormedAsync(await _api.Client.GetAsync(path), $"case {i} GET {path}");
        }

        await Answers.JsonAsync(await _api.Anonymous.GetAsync("/healthz"), 200);
    }

    private async Task AssertWellFormedAsync(HttpResponseMessage response, string what)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status is >= 200 and < 500, $"{what}: answered {status}: {text}\n{string.Join("\n", _api.Log.Lines.Where(l => l.StartsWith("Error", StringComparison.Ordinal)))}");
        if (status >= 400)
        {
            Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{what}: {status} as {response.Content.Headers.ContentType}");
            var problem = Answers.Parse(text);
            Assert.True((int?)problem["status"] == status && problem["type"] is not null && problem["detail"] is not null, $"{what}: {text}");
        }
        else if (response.Content.Headers.ContentType?.MediaType == "application/json")
        {
            Answers.Parse(text);
        }
    }

    /// <summary>Segment calls and CloudEvents with random members, types and values.</summary>
    private static class IntegrationBodies
    {
        private static readonly string[] Values = ["5", "true", "null", "[]", "{}", "\"\"", "\" \"", "1e999", "\"2026-02-30T00:00:00Z\"", "\"2026-03-01T09:00:00.123Z\"",
            "\"c1\"", "\"Order Completed\"", "\"identify\"", "\"track\"", "\"page\"", "\"1.0\"", "\"/crm\"", "{\"email\":\"x@example.com\",\"emailOptIn\":\"y\"}",
            "{\"order_id\":1,\"total\":1e400}", "\"\\ud800\"", "-0", "{\"a\":1,\"a\":2}"];
        private static readonly string[] SegmentFields = ["type", "messageId", "userId", "anonymousId", "timestamp", "event", "traits", "properties", "context", "userId"];
        private static readonly string[] CeFields = ["specversion", "type", "source", "id", "subject", "customerid", "time", "data", "data_base64", "datacontenttype", "specversion"];

        public static string Next(Random random, out string kind)
        {
            kind = random.Next(2) == 0 ? "segment" : "cloudevent";
            var fields = kind == "segment" ? SegmentFields : CeFields;
            var items = Enumerable.Range(0, random.Next(1, 6)).Select(_ => Object(random, fields)).ToList();
            return random.Next(3) switch
            {
                0 => items[0],
                1 => "[" + string.Join(",", items) + "]",
                _ => "{\"batch\":[" + string.Join(",", items) + "]}",
            };
        }

        public static IEnumerable<(string, string)> CeHeaders(Random random) =>
            CeFields.Where(_ => random.Next(3) > 0).Select(f => ("ce-" + f, Values[random.Next(Values.Length)].Trim('"')));

        private static string Object(Random random, string[] fields) =>
            "{" + string.Join(",", fields.Where(_ => random.Next(3) > 0).Select(f => $"\"{f}\":{Values[random.Next(Values.Length)]}")) + "}";
    }

    /// <summary>Random bodies of the kinds that break parsers.</summary>
    private static class RandomBodies
    {
        private static readonly string[] Kinds = ["bytes", "truncated", "deep", "numbers", "types", "utf8", "surrogates", "mixed", "text"];

        public static byte[] Next(Random random, out string kind)
        {
            kind = Kinds[random.Next(Kinds.Length)];
            return kind switch
            {
                "bytes" => Bytes(random, random.Next(0, 3000)),
                "truncated" => Utf8(Truncate(random, random.Next(2) == 0 ? Valid(random) : $"[{Valid(random)},{Valid(random)}]")),
                "deep" => Utf8(Deep(random)),
                "numbers" => Utf8(Event($"n{random.Next()}", data: $"{{\"amount\":{Number(random)},\"n\":[{Number(random)}]}}")),
                "types" => Utf8(WrongTypes(random)),
                "utf8" => InvalidUtf8(random),
                "surrogates" => Utf8(Event($"s{random.Next()}", data: "{\"name\":\"\\ud800 \\udfff \\ud83d\\ude00\",\"\\udc00\":1}")),
                "mixed" => Utf8(string.Join(random.Next(2) == 0 ? "\n" : "\r\n", Enumerable.Range(0, random.Next(1, 30)).Select(_ => Line(random)))),
                _ => Utf8(Text(random, random.Next(0, 500))),
            };
        }

        public static string Text(Random random, int length)
        {
            const string alphabet = "{}[]\":,.-+eE0123456789 \t\n\\/abcxyz_é好\u0000\u001f\u2028";
            return new string(Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
        }

        private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

        private static byte[] Bytes(Random random, int length)
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            return bytes;
        }

        private static string Valid(Random random) =>
            Event($"v{random.Next()}", random.Next(2) == 0 ? "customer.registered" : "order.placed", $"c{random.Next(50)}", data: "{\"amount\":12.5,\"email\":\"x@example.com\"}");

        private static string Truncate(Random random, string text) => text[..random.Next(text.Length)];

        private static string Deep(Random random)
        {
            var depth = random.Next(10, 5000);
            return random.Next(2) == 0
                ? new string('[', depth) + new string(']', depth)
                : Event("deep", data: string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth));
        }

        private static string Number(Random random) => random.Next(6) switch
        {
            0 => "1e999999",
            1 => "-" + new string('9', random.Next(20, 2000)),
            2 => "0." + new string('0', 500) + "1e-999",
            3 => "-0",
            4 => "123456789012345678901234567890.5e300",
            _ => "1E+308",
        };

        private static string WrongTypes(Random random)
        {
            string[] values = ["5", "true", "null", "[]", "{}", "\"\"", "\" \"", "1e999", "\"2026-02-30T00:00:00Z\"", "\"9999-12-31T23:59:59+14:00\""];
            string[] fields = ["id", "type", "customerId", "time", "data", "extra", "ID"];
            var parts = fields.Where(_ => random.Next(4) > 0).Select(f => $"\"{f}\":{(random.Next(3) == 0 ? values[random.Next(values.Length)] : $"\"{f}-1\"")}");
            return random.Next(5) == 0 ? values[random.Next(values.Length)] : "{" + string.Join(",", parts) + "}";
        }

        private static byte[] InvalidUtf8(Random random)
        {
            var bytes = Utf8(Valid(random)).ToList();
            byte[][] bad = [[0xC3], [0xFF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF], [0xE2, 0x82]];
            bytes.InsertRange(random.Next(bytes.Count), bad[random.Next(bad.Length)]);
            return [.. bytes];
        }

        private static string Line(Random random) => random.Next(5) switch
        {
            0 => Valid(random),
            1 => WrongTypes(random),
            2 => Truncate(random, Valid(random)),
            3 => "",
            _ => Text(random, random.Next(0, 80)).Replace("\n", ""),
        };
    }
}
