using Azure.Core;
using Engagement.Cosmos;
using Engagement.Engine.Events;
using Engagement.Functions.Hosting;
using Engagement.Protection;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Functions.Tests.Hosting;

/// <summary>The Cosmos stores the Functions host registers encrypt with the protector Program.cs read from the key source, and
/// keep the contact index only with it.</summary>
public sealed class StoreRegistrationTests
{
    [Fact]
    public void Stores_WithARegisteredProtector_EncryptWithIt()
    {
        var dir = Directory.CreateTempSubdirectory("engage-fn-keys-");
        try
        {
            using var protector = FieldProtector.From(KeyFile.CreateNew(Path.Combine(dir.FullName, "keys.json")));
            using var services = new ServiceCollection().AddSingleton(protector).AddEngagementStores(TestSettings.Create(), new NoCredential()).BuildServiceProvider();

            var stores = services.GetRequiredService<CosmosStores>();

            Assert.Same(protector, stores.Options.Protector);
            Assert.True(stores.Options.Protector!.Encrypts);
            Assert.Same(stores.Contacts, services.GetRequiredService<IContactDirectory>());
            Assert.True(stores.Contacts.IsAvailable);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Stores_WithoutAProtector_WritePlainText()
    {
        using var services = new ServiceCollection().AddEngagementStores(TestSettings.Create(), new NoCredential()).BuildServiceProvider();

        Assert.Null(services.GetRequiredService<CosmosStores>().Options.Protector);
    }

    [Fact]
    public async Task ContactDirectory_WithoutAProtector_RefusesEveryLookup_WithoutTouchingCosmos()
    {
        using var services = new ServiceCollection().AddEngagementStores(TestSettings.Create(), new NoCredential()).BuildServiceProvider();

        var contacts = services.GetRequiredService<IContactDirectory>();

        await Assert.ThrowsAsync<ContactIndexUnavailableException>(() => contacts.FindAsync("email", "ann@example.com", CancellationToken.None).AsTask());
    }

    /// <summary>Never asked for a token: creating the clients does no I/O.</summary>
    private sealed class NoCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => throw new InvalidOperationException("no token in this test");

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => throw new InvalidOperationException("no token in this test");
    }
}
