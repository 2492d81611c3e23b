using Engagement.Engine;
using Engagement.Engine.Ports;
using Microsoft.Azure.Cosmos;

namespace Engagement.Cosmos;

/// <summary>
/// The Cosmos DB stores as a set, over one <see cref="CosmosClient"/> and database. <see cref="CreateAsync"/> creates the
/// database and containers when <see cref="CosmosStoreOptions.CreateIfNotExists"/> is set (local server, tests); in Azure
/// the Bicep creates them. Thread-safe; create once per process.
/// </summary>
public sealed class CosmosStores
{
    private CosmosStores(Database database, CosmosStoreOptions options)
    {
        Database = database;
        Options = options;
        var quirk = options.MissingDocumentMayAnswer500;
        // Without a key the sealer still opens documents: one written with a key then fails with a clear message instead of
        // reading as a record with its personal data missing.
        var protector = options.Protector ?? Engagement.Protection.FieldProtector.Plaintext;
        CosmosDocuments Docs(string name, IReadOnlySet<string>? plain = null) =>
            new(database.GetContainer(name), quirk, plain is null ? null : new DocumentSealer(protector, plain, name));
        var index = new EnrollmentIndex(Docs(options.EnrollmentIndexContainer), options);
        var ledgerDocs = Docs(options.LedgerContainer, ProtectedDocuments.Ledger);
        var tasks = Docs(options.TasksContainer, ProtectedDocuments.Tasks);
        var rejected = Docs(options.RejectedContainer, ProtectedDocuments.Rejected);
        var rejectedIndex = Docs(options.RejectedIndexContainer);
        var contacts = protector.Index is { } blindIndex ? new ContactIndex(Docs(options.ContactsContainer), blindIndex) : null;
        var profiles = Docs(options.ProfilesContainer, ProtectedDocuments.Profiles);
        var enrollments = Docs(options.EnrollmentsContainer, ProtectedDocuments.Enrollments);
        SealedContainers = [profiles, enrollments, ledgerDocs, tasks, rejected];
        Profiles = new CosmosProfileStore(profiles, contacts);
        Contacts = new CosmosContactDirectory(contacts, Profiles);
        Enrollments = new CosmosEnrollmentStore(enrollments, index, options);
        Ledger = new CosmosMessageLedger(ledgerDocs, index, options);
        Tasks = new CosmosTaskSink(tasks);
        PersonalData = new CosmosPersonalDataEraser(tasks, ledgerDocs, Ledger, rejected, rejectedIndex, Profiles, contacts);
        Inbox = new CosmosEventInbox(Docs(options.EventsContainer), rejected, rejectedIndex, contacts);
        Counters = new CosmosCounters(Docs(options.CountersContainer));
        Correlations = new CosmosDeliveryCorrelation(Docs(options.DeliveryCorrelationsContainer));
    }

    /// <summary>The containers whose documents have members sealed with the key (<see cref="ProtectedDocuments"/>), in the
    /// order <see cref="CosmosReencryptor"/> walks them.</summary>
    internal IReadOnlyList<CosmosDocuments> SealedContainers { get; }

    /// <summary>The database.</summary>
    public Database Database { get; }

    /// <summary>The options in force.</summary>
    public CosmosStoreOptions Options { get; }

    /// <summary>Profiles.</summary>
    public CosmosProfileStore Profiles { get; }

    /// <summary>Customers by email or phone through the <c>contacts</c> blind index (refuses every lookup without a key).</summary>
    public CosmosContactDirectory Contacts { get; }

    /// <summary>Enrollment states.</summary>
    public CosmosEnrollmentStore Enrollments { get; }

    /// <summary>The message ledger.</summary>
    public CosmosMessageLedger Ledger { get; }

    /// <summary>Human tasks.</summary>
    public CosmosTaskSink Tasks { get; }

    /// <summary>Erasure of the task titles and ledger details of a customer.</summary>
    public CosmosPersonalDataEraser PersonalData { get; }

    /// <summary>Processed event ids and rejected inputs.</summary>
    public CosmosEventInbox Inbox { get; }

    /// <summary>Per journey/step/day counters (a timeline sink).</summary>
    public CosmosCounters Counters { get; }

    /// <summary>Provider message ids of sent messages (delivery reports).</summary>
    public CosmosDeliveryCorrelation Correlations { get; }

    /// <summary>The stores over <paramref name="client"/>; creates the database and containers first when the options say so.</summary>
    public static async Task<CosmosStores> CreateAsync(CosmosClient client, CosmosStoreOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        if (options.CreateIfNotExists)
        {
            await EnsureCreatedAsync(client, options, cancellationToken).ConfigureAwait(false);
        }

        return new CosmosStores(client.GetDatabase(options.DatabaseName), options);
    }

    /// <summary>The stores over a database and containers that exist already (Azure: the Bicep creates them and the app's data
    /// role may not). No I/O: the first call of a store finds out whether they exist. Throws when the options ask to create them.</summary>
    public static CosmosStores Open(CosmosClient client, CosmosStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        if (options.CreateIfNotExists)
        {
            throw new ArgumentException("CreateIfNotExists needs CreateAsync: Open does no I/O.", nameof(options));
        }

        return new CosmosStores(client.GetDatabase(options.DatabaseName), options);
    }

    /// <summary>Creates the database and every container of <see cref="CosmosContainers.All"/> that does not exist yet
    /// (existing ones are left as they are).</summary>
    public static async Task EnsureCreatedAsync(CosmosClient client, CosmosStoreOptions options, CancellationToken cancellationToken = default)
    {
        Database database = await client.CreateDatabaseIfNotExistsAsync(options.DatabaseName, cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var container in CosmosContainers.All(options))
        {
            await database.CreateContainerIfNotExistsAsync(container, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The engine's ports with these stores; the host supplies wake-ups, the publisher and channels. The timeline
    /// goes to the counters unless <paramref name="timeline"/> is given.</summary>
    public EnginePorts Ports(IWakeUpScheduler wakeUps, IEventPublisher publisher, IReadOnlyList<IChannelSender> channels, ITimelineSink? timeline = null) =>
        new(Profiles, Enrollments, Ledger, Tasks, Inbox, wakeUps, timeline ?? Counters, publisher, channels, PersonalData);
}
