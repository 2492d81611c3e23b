using Engagement.Engine.Templates;
using Engagement.Journeys.Values;

namespace Engagement.Engine.Tests.Templates;

/// <summary>What a template sees of the profile, the event, the enrollment and the links.</summary>
public class LiquidTemplateRendererTests
{
    [Fact]
    public void RenderText_NestedObjectsListsNumbersAndLinks_ReachTheTemplateAsLiquidValues()
    {
        var renderer = new LiquidTemplateRenderer();
        var profile = ValueJson.Parse("""{"firstName":"Ada","address":{"city":"Shanghai","geo":{"lat":31.2}},"points":1200,"vip":true}""");
        var @event = ValueJson.Parse("""{"data":{"items":[{"sku":"a1","qty":2},{"sku":"b2","qty":1}],"total":99.5,"note":null}}""");
        var enrollment = Value.EmptyObject.With("journey", Value.FromString("welcome"));
        var request = new TemplateRequest("t", "email", ["en"], profile, @event, enrollment, new Dictionary<string, string> { ["unsubscribe"] = "https://shop.example/u?t=1" });

        var text = renderer.RenderText(
            "{{ profile.firstName }} {{ profile.address.city }} {{ profile.address.geo.lat }} {{ profile.points }} {{ profile.vip }}|"
            + "{% for item in event.data.items %}{{ item.sku }}x{{ item.qty }};{% endfor %}{{ event.data.items.size }} {{ event.data.total }} [{{ event.data.note }}]|"
            + "{{ enrollment.journey }} {{ links.unsubscribe }} [{{ profile.missing.deeper }}]",
            request);

        Assert.Equal("Ada Shanghai 31.2 1200 true|a1x2;b2x1;2 99.5 []|welcome https://shop.example/u?t=1 []", text);
    }
}
