using System.Globalization;
using Newtonsoft.Json;
using NodaTime;

namespace Engagement.Cli.Samples;

/// <summary>One generated customer: profile fields and a year of behaviour.</summary>
internal sealed class SampleCustomer
{
    private readonly string _id;
    private readonly string _zone;
    private readonly string _country;
    private readonly string _locale;
    private readonly string _tier;
    private readonly LocalDate _birthday;
    private readonly bool _marketingEmail;
    private readonly bool _marketingSms;
    private readonly bool _hasApp;
    private readonly int _points;
    private readonly Instant _registered;
    private readonly Instant _start;

    /// <summary>Draws customer number <paramref name="index"/> (id <c>c</c> and six digits) from <paramref name="random"/>:
    /// zone and country, locale, tier, birthday (every 97th on 29 February), consents, app, points, and a registration within 90
    /// days after <paramref name="start"/>. Deterministic: the same random sequence gives the same customer.</summary>
    public SampleCustomer(Random random, int index, Instant start)
    {
        _id = "c" + index.ToString("D6", CultureInfo.InvariantCulture);
        (_zone, _country) = SampleDataGenerator.PickZone(random);
        _locale = _country is "CN" or "HK" ? (random.NextDouble() < 0.9 ? "zh-CN" : "en") : (random.NextDouble() < 0.15 ? "zh-CN" : "en");
        _tier = SampleDataGenerator.PickTier(random);
        _birthday = index % 97 == 0
            ? new LocalDate(1992 + (4 * random.Next(0, 5)), 2, 29)
            : new LocalDate(1960 + random.Next(0, 45), 1, 1).PlusDays(random.Next(0, 365));
        _marketingEmail = random.NextDouble() < 0.8;
        _marketingSms = random.NextDouble() < 0.6;
        _hasApp = random.NextDouble() < 0.5;
        _points = random.Next(0, 5000);
        _start = start;
        _registered = start + Duration.FromMinutes(random.Next(0, 60 * 24 * 90));
    }

    /// <summary>The customer's profile as one JSON line (the <c>profiles.jsonl</c> format), with <c>@example.com</c> email.</summary>
    public string ProfileLine() => SampleDataGenerator.Json(w =>
    {
        w.WriteStartObject();
        w.WritePropertyName("customerId"); w.WriteValue(_id);
        w.WritePropertyName("email"); w.WriteValue(_id + "@example.com");
        w.WritePropertyName("phone"); w.WriteValue("+8613800" + _id[1..]);
        if (_hasApp)
        {
            w.WritePropertyName("pushTokens"); w.WriteStartArray(); w.WriteValue("tok-" + _id); w.WriteEndArray();
        }

        w.WritePropertyName("locale"); w.WriteValue(_locale);
        w.WritePropertyName("timezone"); w.WriteValue(_zone);
        w.WritePropertyName("birthday"); w.WriteValue(_birthday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        w.WritePropertyName("channels"); w.WriteStartArray();
        foreach (var c in _hasApp ? ["push", "sms", "email"] : _locale == "zh-CN" ? new[] { "sms", "email" } : ["email", "sms"])
        {
            w.WriteValue(c);
        }

        w.WriteEndArray();
        w.WritePropertyName("consents"); w.WriteStartObject();
        WriteConsent(w, "email", _marketingEmail);
        WriteConsent(w, "sms", _marketingSms);
        if (_hasApp)
        {
            WriteConsent(w, "push", true);
        }

        w.WriteEndObject();
        w.WritePropertyName("attributes"); w.WriteStartObject();
        w.WritePropertyName("tier"); w.WriteValue(_tier);
        w.WritePropertyName("country"); w.WriteValue(_country);
        w.WritePropertyName("points"); w.WriteValue(_points);
        w.WritePropertyName("pointsExpireOn"); w.WriteValue(_start.InUtc().Date.PlusDays(120 + (_points % 240)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        w.WritePropertyName("valueSegment"); w.WriteValue(_tier is "Gold" or "Diamond" ? "high" : _tier == "Silver" ? "medium" : "low");
        w.WriteEndObject();
        w.WriteEndObject();
    });

    /// <summary>The customer's events from registration to a year after the start, each with its time and JSON line, in
    /// generation order, not time order.</summary>
    public IEnumerable<(Instant Time, string Line)> Events(Random random)
    {
        var n = 0;
        string Id() => "evt-" + _id + "-" + (++n).ToString("D3", CultureInfo.InvariantCulture);
        var end = _start + Duration.FromDays(365);
        yield return Event(Id(), "customer.registered", _registered, w => { Field(w, "source", random.NextDouble() < 0.6 ? "app" : "store"); });

        // Purchases: most buy soon after registering; each customer has a loyalty that decides when they stop buying.
        var t = _registered + Duration.FromHours(random.Next(2, 24 * 20));
        var keepBuying = random.NextDouble();
        var orders = 0;
        while (t < end && random.NextDouble() < 0.7 + (0.28 * keepBuying))
        {
            var amount = Math.Round(30 + (random.NextDouble() * (_tier == "Diamond" ? 1200 : 400)), 2);
            orders++;
            var orderId = "o-" + _id + "-" + orders.ToString(CultureInfo.InvariantCulture);
            yield return Event(Id(), "order.placed", t, w => { Field(w, "orderId", orderId); Field(w, "amount", amount); Field(w, "currency", "CNY"); });
            t += Duration.FromHours(random.Next(24 * 5, 24 * (20 + (int)(90 * (1 - keepBuying)))));
        }

        if (random.NextDouble() < 0.1)
        {
            var complaintAt = _registered + Duration.FromHours(random.Next(24 * 10, 24 * 200));
            var complaintId = "cmp-" + _id;
            var severity = SampleDataGenerator.PickSeverity(random);
            yield return Event(Id(), "complaint.opened", complaintAt, w => { Field(w, "complaintId", complaintId); Field(w, "severity", severity); Field(w, "category", "delivery"); });
            var responded = complaintAt + Duration.FromHours(random.Next(1, 40));
            yield return Event(Id(), "complaint.responded", responded, w => Field(w, "complaintId", complaintId));
            if (random.NextDouble() < 0.85)
            {
                var resolved = responded + Duration.FromHours(random.Next(2, 70));
                yield return Event(Id(), "complaint.resolved", resolved, w => Field(w, "complaintId", complaintId));
                var score = random.Next(1, 11);
                yield return Event(Id(), "survey.answered", resolved + Duration.FromHours(random.Next(26, 60)), w => { Field(w, "survey", "csat"); Field(w, "complaintId", complaintId); Field(w, "score", score); });
            }
        }

        if (random.NextDouble() < 0.06)
        {
            var risk = Math.Round(0.7 + (random.NextDouble() * 0.29), 2);
            yield return Event(Id(), "churn.risk.detected", _registered + Duration.FromDays(random.Next(30, 250)), w => { Field(w, "score", risk); Field(w, "reason", "falling-frequency"); });
        }

        if (random.NextDouble() < 0.08 && _tier != "Diamond")
        {
            var next = _tier switch { "Ordinary" => "Silver", "Silver" => "Gold", _ => "Diamond" };
            var from = _tier;
            yield return Event(Id(), "tier.upgraded", _registered + Duration.FromDays(random.Next(20, 300)), w => { Field(w, "from", from); Field(w, "to", next); });
        }

        if (random.NextDouble() < 0.03)
        {
            yield return Event(Id(), "consent.revoked", _registered + Duration.FromDays(random.Next(10, 200)), w => { Field(w, "channel", "email"); Field(w, "purpose", "marketing"); Field(w, "source", "preference-centre"); });
        }
    }

    private static void WriteConsent(JsonTextWriter w, string channel, bool marketing)
    {
        w.WritePropertyName(channel);
        w.WriteStartObject();
        Field(w, "marketing", marketing);
        Field(w, "transactional", true);
        Field(w, "at", "2025-12-01T00:00:00Z");
        Field(w, "source", "registration-form");
        w.WriteEndObject();
    }

    private (Instant, string) Event(string id, string type, Instant time, Action<JsonTextWriter> data) => (time, SampleDataGenerator.Json(w =>
    {
        w.WriteStartObject();
        Field(w, "id", id);
        Field(w, "type", type);
        Field(w, "customerId", _id);
        Field(w, "time", SampleDataGenerator.Iso(time));
        w.WritePropertyName("data");
        w.WriteStartObject();
        data(w);
        w.WriteEndObject();
        w.WriteEndObject();
    }));

    private static void Field(JsonTextWriter w, string name, object value)
    {
        w.WritePropertyName(name);
        w.WriteValue(value);
    }
}
