// Durable Task Scheduler: the managed backend for Durable Functions (host.json
// storageProvider "azureManaged"). One scheduler, one task hub for the engine.

param name string
param taskHubName string
param location string
param tags object

@description('Scheduler SKU: Consumption (pay per action) or Dedicated (capacity units).')
@allowed([
  'Consumption'
  'Dedicated'
])
param skuName string = 'Consumption'

@description('Capacity units; only meaningful for the Dedicated SKU.')
param skuCapacity int = 1

@description('Principal id of the app identity (gets Durable Task Data Contributor).')
param appPrincipalId string

@description('Optional principal id of the deploying user (dashboard access). Empty: none.')
param userPrincipalId string = ''

@description('Source IP ranges allowed to reach the scheduler endpoint.')
param ipAllowlist array = [
  '0.0.0.0/0'
]

// Built-in role: Durable Task Data Contributor.
var durableTaskDataContributorRoleId = '0ad04412-c4d5-4796-b79c-f76d14c8d402'

resource scheduler 'Microsoft.DurableTask/schedulers@2025-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    ipAllowlist: ipAllowlist
    sku: skuName == 'Dedicated'
      ? {
          name: skuName
          capacity: skuCapacity
        }
      : {
          name: skuName
        }
  }
}

resource taskHub 'Microsoft.DurableTask/schedulers/taskHubs@2025-11-01' = {
  parent: scheduler
  name: taskHubName
  properties: {}
}

resource appRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(scheduler.id, appPrincipalId, durableTaskDataContributorRoleId)
  scope: scheduler
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', durableTaskDataContributorRoleId)
  }
}

// principalType omitted: the deployer may be a user or a CI service principal.
resource userRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(userPrincipalId)) {
  name: guid(scheduler.id, userPrincipalId, durableTaskDataContributorRoleId)
  scope: scheduler
  properties: {
    principalId: userPrincipalId
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', durableTaskDataContributorRoleId)
  }
}

output name string = scheduler.name
output endpoint string = scheduler.properties.endpoint
output taskHubName string = taskHub.name
