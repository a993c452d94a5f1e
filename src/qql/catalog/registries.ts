/** QQL tokens of registries (`GET /csapi/v1.1/registry`). Main table: `registries`. */
import { col, type QqlEntityCatalog, type QqlRelation, tableAs } from './types.js';

const id = col('registries', 'id');
const repositories: QqlRelation = {
  name: 'repository',
  from: tableAs('registry_repositories', 'q_rr'),
  childKey: col('registry_repositories', 'registry_uuid', 'q_rr'),
  rootKey: id,
  customer: col('registry_repositories', 'customer_id', 'q_rr'),
};
const schedules: QqlRelation = {
  name: 'schedule',
  from: tableAs('registry_schedules', 'q_rs'),
  childKey: col('registry_schedules', 'registry_uuid', 'q_rs'),
  rootKey: id,
  customer: col('registry_schedules', 'customer_id', 'q_rs'),
};

export const registriesCatalog: QqlEntityCatalog = {
  table: 'registries',
  key: id,
  defaultSort: { token: 'created', direction: 'desc' },
  tokens: [
    {
      token: 'uuid',
      aliases: ['registryUuid'],
      type: 'keyword',
      storedCase: 'lower',
      description: 'registry uuid',
      column: id,
    },
    {
      token: 'registryUri',
      type: 'keyword',
      description: 'registry URL (https://registry.example.com*)',
      column: col('registries', 'registry_uri'),
      sortable: true,
    },
    {
      token: 'registryType',
      type: 'keyword',
      description: 'AWS, DockerHub, V2, V2-Private',
      column: col('registries', 'registry_type'),
      sortable: true,
    },
    {
      token: 'credentialType',
      type: 'keyword',
      description: 'None, Token, BasicAuth, DockerHub, AWS',
      column: col('registries', 'credential_type'),
    },
    {
      token: 'dockerHubOrgName',
      type: 'keyword',
      description: 'Docker Hub organization',
      column: col('registries', 'docker_hub_org_name'),
    },
    {
      token: 'aws.accountId',
      type: 'keyword',
      description: 'AWS account id',
      column: col('registries', 'aws_account_id'),
    },
    {
      token: 'aws.region',
      type: 'keyword',
      description: 'AWS region',
      column: col('registries', 'aws_region'),
    },
    { token: 'aws.arn', type: 'keyword', description: 'AWS role ARN', column: col('registries', 'aws_arn') },
    {
      token: 'created',
      type: 'date',
      description: 'when the registry was added',
      column: col('registries', 'created_at'),
      sortable: true,
    },
    {
      token: 'updated',
      type: 'date',
      description: 'when the registry was last changed',
      column: col('registries', 'updated_at'),
      sortable: true,
    },
    {
      token: 'lastScanned',
      type: 'date',
      description: 'when the registry was last scanned',
      column: col('registries', 'last_scanned'),
      sortable: true,
    },
    {
      token: 'repository.name',
      type: 'keyword',
      description: 'a repository of the registry',
      column: col('registry_repositories', 'name', 'q_rr'),
      via: repositories,
    },
    {
      token: 'schedule.name',
      type: 'keyword',
      description: 'name of a scan schedule',
      column: col('registry_schedules', 'name', 'q_rs'),
      via: schedules,
    },
    {
      token: 'schedule.status',
      type: 'enum',
      values: ['CREATED', 'QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'],
      description: 'status of a scan schedule',
      column: col('registry_schedules', 'status', 'q_rs'),
      via: schedules,
    },
  ],
};
