using Azure.Core;
using Engagement.Cosmos;
using Engagement.Functions.Hosting;
using Engagement.Protection;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Functions.Tests.Hosting;

/// <summary>The Cosmos stores the Functions host registers encrypt with the protector Program.cs read from the key source.</summary>
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

    /// <summary>Never asked for a token: creating the clients does no I/O.</summary>
    private sealed class NoCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => throw new InvalidOperationException("no token in this test");

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => throw new InvalidOperationException("no token in this test");
    }
}
