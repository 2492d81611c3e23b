using System.Text;
using System.Text.Json;
using Engagement.Engine.Configuration;
using Engagement.Engine.Events;
using Engagement.Engine.Integrations;
using Microsoft.Extensions.Configuration;

namespace Engagement.Functions.Hosting;

/// <summary>
/// The app settings of ingestion (docs/azure.md): the plausible event-time window (<c>Engagement__EventsNotBefore</c>,
/// <c>Engagement__EventsNotAfter</c>, <c>Engagement__EventsMaxAhead</c>, the <c>engage serve</c> flags' values) and the integration
/// mapping (<c>Engagement__Integrations</c>: engage.json's <c>integrations</c> section, read by the same
/// <see cref="IntegrationsReader"/>, as one JSON value or as nested settings). A bad value stops the app at start with one line
/// naming the setting.
/// </summary>
public static class IngestSettings
{
    /// <summary>The setting (in .NET configuration form) holding the integration mapping.</summary>
    public const string IntegrationsKey = "Engagement:Integrations";

    /// <summary>The window over <see cref="EventTimeWindow.Default"/> (receipt time as the reference, at most a day ahead).</summary>
    public static EventTimeWindow EventWindow(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return EventTimeWindowText.TryRead(EventTimeWindow.Default,
                configuration["Engagement:EventsNotBefore"], configuration["Engagement:EventsNotAfter"], configuration["Engagement:EventsMaxAhead"],
                ("'Engagement__EventsNotBefore'", "'Engagement__EventsNotAfter'", "'Engagement__EventsMaxAhead'"), out var error)
            ?? throw new InvalidOperationException("App setting " + error);
    }

    /// <summary>
    /// The integration mapping over its defaults. <c>Engagement__Integrations</c> is either a JSON object (as in engage.json) or,
    /// for simple values, nested settings (<c>Engagement__Integrations__cloudEvents__typePrefixes__0</c>); the older
    /// <c>Engagement__CloudEventTypePrefixes</c> (<c>;</c>-separated) still sets the prefixes when the mapping names none.
    /// </summary>
    public static IntegrationsOptions Integrations(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        const string Name = "App setting 'Engagement__Integrations'";
        var section = configuration.GetSection(IntegrationsKey);
        IConfiguration source = section;
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            try
            {
                source = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(section.Value))).Build();
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidDataException)
            {
                throw new InvalidOperationException($"{Name}: expected a JSON object like engage.json's \"integrations\" section ({e.GetType().Name})");
            }
        }

        var errors = new List<string>();
        var options = IntegrationsReader.Read(new ConfigNode(source, "", errors));
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"{Name}: {string.Join("; ", errors)}");
        }

        var legacy = configuration["Engagement:CloudEventTypePrefixes"]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        if (legacy.Length == 0)
        {
            return options;
        }

        if (options.CloudEvents.TypePrefixes.Count > 0)
        {
            throw new InvalidOperationException($"App setting 'Engagement__CloudEventTypePrefixes': the prefixes are also set in {Name}; keep one of the two");
        }

        return options with { CloudEvents = options.CloudEvents with { TypePrefixes = legacy } };
    }
}
