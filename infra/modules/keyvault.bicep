// Key Vault in RBAC mode (no access policies) with purge protection. The app stores the signing keys of
// session tokens as secrets and creates and rotates them itself, hence Key Vault Secrets Officer.
import { tagsType, principalKindType } from 'types.bicep'

@description('Name of the key vault (3-24 characters).')
@minLength(3)
@maxLength(24)
param name string

@description('Region of the key vault.')
param location string

@description('Tags of the key vault.')
param tags tagsType

@description('Days a deleted vault or secret is kept recoverable (7-90). With purge protection it cannot be purged sooner.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int

@description('Principal id of the Functions app identity.')
param functionsPrincipalId string

@description('Principal id of a developer who runs the app against these resources; empty for none.')
param developerPrincipalId string

@description('Kind of the developer principal.')
param developerPrincipalType principalKindType

// Key Vault Secrets Officer: create, read, rotate and delete secrets (the session-token signing keys).
var keyVaultSecretsOfficer = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    enablePurgeProtection: true
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource functionsSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, functionsPrincipalId, keyVaultSecretsOfficer)
  scope: vault
  properties: {
    principalId: functionsPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsOfficer)
  }
}

resource developerSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(developerPrincipalId)) {
  name: guid(vault.id, developerPrincipalId, keyVaultSecretsOfficer)
  scope: vault
  properties: {
    principalId: developerPrincipalId
    principalType: developerPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsOfficer)
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
