using Newtonsoft.Json.Serialization;

namespace Engagement.Engine.Serialization;

/// <summary>
/// The JSON names of the members of <typeparamref name="TEnum"/> as <see cref="EngineJson.Settings"/>' enum converter writes them
/// (the member name through the same camel-case naming strategy), computed once per enum type.
/// </summary>
internal static class EnumNames<TEnum>
    where TEnum : struct, Enum
{
    private static readonly Dictionary<TEnum, string> Names = Enum.GetValues<TEnum>()
        .DistinctBy(v => v)
        .ToDictionary(v => v, v => new CamelCaseNamingStrategy().GetPropertyName(v.ToString(), hasSpecifiedName: false));

    /// <summary>The name of a defined member; null for a value no member has (the converter writes those as numbers).</summary>
    public static string? Of(TEnum value) => Names.GetValueOrDefault(value);
}
