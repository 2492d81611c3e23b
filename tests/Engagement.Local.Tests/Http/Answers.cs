using Newtonsoft.Json.Linq;

namespace Engagement.Local.Tests.Http;

/// <summary>Reads answers: JSON bodies and RFC 9457 problems (checking the content type and the required members).</summary>
internal static class Answers
{
    public static async Task<JObject> JsonAsync(HttpResponseMessage response, int status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return Parse(text);
    }

    /// <summary>Parses without turning ISO text into dates, so instants are compared as the API wrote them.</summary>
    public static JObject Parse(string text)
    {
        using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(text)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
        return JObject.Load(reader);
    }

    public static async Task<JObject> ProblemAsync(HttpResponseMessage response, int status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = Parse(text);
        Assert.StartsWith("urn:engagement:problem:", (string?)problem["type"]);
        Assert.False(string.IsNullOrEmpty((string?)problem["title"]));
        Assert.Equal(status, (int?)problem["status"]);
        Assert.False(string.IsNullOrEmpty((string?)problem["detail"]));
        Assert.False(string.IsNullOrEmpty((string?)problem["traceId"]));
        return problem;
    }
}
