// Cosmos DB (NoSQL API), serverless, Entra-only (local/key auth disabled), with the portal's five
// containers (functions/LoftsDesArts.Core/Storage/ContainerSpec.cs) and their indexing policies.
import { tagsType, containerCompositeIndexesType } from 'types.bicep'

@description('Name of the Cosmos DB account.')
param name string

@description('Region of the account (single region: serverless accounts have one).')
param location string

@description('Tags of the account.')
param tags tagsType

@description('Name of the SQL database.')
param databaseName string

@description('Composite indexes per container, generated from the named queries (infra/cosmos-indexes.json).')
param compositeIndexes containerCompositeIndexesType

@description('Principal id of the Functions app identity.')
param functionsPrincipalId string

@description('Principal id of a developer who runs the app against these resources; empty for none.')
param developerPrincipalId string

// Cosmos DB Built-in Data Contributor (data-plane role definition of the account, not an Azure RBAC role):
// read, write, query, batch and read the change feed of every container.
var cosmosBuiltInDataContributor = '00000000-0000-0000-0000-000000000002'

// Every container is indexed on all paths except the system _etag; equality and range filters are served
// by the default range indexes, ORDER BY on several properties needs the composite indexes.
var excludedPaths = [
  {
    path: '/"_etag"/?'
  }
]

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: name
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    capabilities: [
      {
        name: 'EnableServerless'
      }
    ]
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
    enableAutomaticFailover: false
    enableMultipleWriteLocations: false
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
  }
}

// Everything of one building: units, people, registrations, packages, their events and notices.
resource buildings 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = {
  parent: database
  name: 'buildings'
  properties: {
    resource: {
      id: 'buildings'
      partitionKey: {
        paths: [
          '/buildingId'
        ]
        kind: 'Hash'
        version: 2
      }
      defaultTtl: -1
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: [
          {
            path: '/*'
          }
        ]
        excludedPaths: excludedPaths
        compositeIndexes: compositeIndexes.buildings
      }
    }
  }
}

// Per account: profile, credentials, sessions, memberships, account events.
resource users 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = {
  parent: database
  name: 'users'
  properties: {
    resource: {
      id: 'users'
      partitionKey: {
        paths: [
          '/userId'
        ]
        kind: 'Hash'
        version: 2
      }
      defaultTtl: -1
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: [
          {
            path: '/*'
          }
        ]
        excludedPaths: excludedPaths
        compositeIndexes: compositeIndexes.users
      }
    }
  }
}

// Unique keyed look-ups (email to user, throttle counters, single-use tokens): point reads by id.
resource lookups 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = {
  parent: database
  name: 'lookups'
  properties: {
    resource: {
      id: 'lookups'
      partitionKey: {
        paths: [
          '/id'
        ]
        kind: 'Hash'
        version: 2
      }
      defaultTtl: -1
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: [
          {
            path: '/*'
          }
        ]
        excludedPaths: excludedPaths
        compositeIndexes: compositeIndexes.lookups
      }
    }
  }
}

// Append-only audit log, partitioned by building and month. No TTL: nothing in it expires by itself;
// retention is a deliberate purge, not a side effect of a document field.
resource audit 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = {
  parent: database
  name: 'audit'
  properties: {
    resource: {
      id: 'audit'
      partitionKey: {
        paths: [
          '/partition'
        ]
        kind: 'Hash'
        version: 2
      }
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: [
          {
            path: '/*'
          }
        ]
        excludedPaths: excludedPaths
        compositeIndexes: compositeIndexes.audit
      }
    }
  }
}

// Change-feed cursors per handler and feed range, and dead letters.
resource leases 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = {
  parent: database
  name: 'leases'
  properties: {
    resource: {
      id: 'leases'
      partitionKey: {
        paths: [
          '/id'
        ]
        kind: 'Hash'
        version: 2
      }
      defaultTtl: -1
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: [
          {
            path: '/*'
          }
        ]
        excludedPaths: excludedPaths
        compositeIndexes: compositeIndexes.leases
      }
    }
  }
}

resource functionsDataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: account
  name: guid(account.id, functionsPrincipalId, cosmosBuiltInDataContributor)
  properties: {
    principalId: functionsPrincipalId
    roleDefinitionId: '${account.id}/sqlRoleDefinitions/${cosmosBuiltInDataContributor}'
    scope: account.id
  }
}

resource developerDataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = if (!empty(developerPrincipalId)) {
  parent: account
  name: guid(account.id, developerPrincipalId, cosmosBuiltInDataContributor)
  properties: {
    principalId: developerPrincipalId
    roleDefinitionId: '${account.id}/sqlRoleDefinitions/${cosmosBuiltInDataContributor}'
    scope: account.id
  }
}

output name string = account.name
output endpoint string = account.properties.documentEndpoint
output databaseName string = database.name
