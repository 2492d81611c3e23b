// The one user-assigned managed identity the function app runs as. Every data-plane
// role (storage, Service Bus, Cosmos DB, Durable Task Scheduler, Key Vault, ACS,
// Application Insights) is granted to it by the module that owns the resource.

@description('Name of the user-assigned managed identity.')
param name string

@description('Azure region.')
param location string

@description('Tags applied to the identity.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output principalId string = identity.properties.principalId
output clientId string = identity.properties.clientId
