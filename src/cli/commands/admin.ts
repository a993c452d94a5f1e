/**
 * `bulwark admin <customers|users|roles|tokens|activation-ids> <create|list|revoke>`: operator
 * tasks on the database the server uses (same --data-dir / --database-url flags). The
 * database code loads only when a subcommand runs.
 */
import { Command } from 'commander';
import { BulwarkError } from '../../core/errors.js';
import type { AdminAction } from '../admin-actions.js';
import { databaseTarget } from './server.js';

interface DbFlags {
  dataDir: string;
  databaseUrl?: string;
}

function withDb(cmd: Command): Command {
  return cmd
    .option('--data-dir <dir>', 'embedded SQLite data directory', './data')
    .option('--database-url <url>', 'PostgreSQL URL instead of --data-dir');
}

async function run(flags: DbFlags, action: AdminAction): Promise<void> {
  const { runAdmin } = await import('../admin-actions.js');
  const lines = await runAdmin(databaseTarget(flags), action);
  if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
}

const collect = (value: string, previous: string[]) => [...previous, ...value.split(',').filter(Boolean)];

function days(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new BulwarkError('USAGE', `--expires-in-days "${value}": expected a number > 0`);
  return n;
}

type Flags = DbFlags & Record<string, string | string[] | undefined>;

function leaf(
  name: string,
  description: string,
  build: (c: Command) => Command,
  act: (args: string[], f: Flags) => AdminAction,
) {
  const cmd = withDb(build(new Command(name).description(description)));
  return cmd.action(async (...params: unknown[]) => {
    const command = params[params.length - 1] as Command;
    await run(command.opts<Flags>(), act(command.args, command.opts<Flags>()));
  });
}

const customerOpt = (c: Command) => c.requiredOption('--customer <id>', 'CustomerId');

export function adminCommand(): Command {
  const admin = new Command('admin').description(
    'Manage customers, users, roles, API tokens and activation ids',
  );
  admin.addCommand(
    new Command('customers')
      .description('customers (tenants)')
      .addCommand(
        leaf(
          'create',
          'create a customer',
          (c) => c.argument('<name>'),
          ([name]) => ({ kind: 'customers-create', name: name! }),
        ),
      )
      .addCommand(
        leaf(
          'list',
          'list customers',
          (c) => c,
          () => ({ kind: 'customers-list' }),
        ),
      ),
  );
  admin.addCommand(
    new Command('users')
      .description('users of a customer')
      .addCommand(
        leaf(
          'create',
          'create a user (password from --password, else generated and printed once)',
          (c) =>
            customerOpt(c)
              .argument('<username>')
              .option('--password <password>', 'at least 8 characters')
              .option('--role <name>', 'role to grant (repeatable)', collect, []),
          ([username], f) => ({
            kind: 'users-create',
            customer: String(f.customer),
            username: username!,
            ...(typeof f.password === 'string' ? { password: f.password } : {}),
            roles: (f.role as string[]) ?? [],
          }),
        ),
      )
      .addCommand(
        leaf('list', 'list users', customerOpt, (_a, f) => ({
          kind: 'users-list',
          customer: String(f.customer),
        })),
      )
      .addCommand(
        leaf(
          'revoke',
          'disable a user',
          (c) => customerOpt(c).argument('<username>'),
          ([username], f) => ({
            kind: 'users-revoke',
            customer: String(f.customer),
            username: username!,
          }),
        ),
      ),
  );
  admin.addCommand(
    new Command('roles')
      .description('roles and their permissions (API_ACCESS, MANAGE_INVENTORY, ADMIN)')
      .addCommand(
        leaf(
          'create',
          'create a role',
          (c) =>
            customerOpt(c)
              .argument('<name>')
              .option('--permission <p>', 'permission (repeatable)', collect, []),
          ([name], f) => ({
            kind: 'roles-create',
            customer: String(f.customer),
            name: name!,
            permissions: (f.permission as string[]) ?? [],
          }),
        ),
      )
      .addCommand(
        leaf('list', 'list roles', customerOpt, (_a, f) => ({
          kind: 'roles-list',
          customer: String(f.customer),
        })),
      ),
  );
  admin.addCommand(
    new Command('tokens')
      .description('API tokens (Authorization: Bearer …)')
      .addCommand(
        leaf(
          'create',
          'create an API token for a user; the secret is printed once',
          (c) =>
            customerOpt(c)
              .requiredOption('--user <username>', 'the user the token acts as')
              .option('--name <name>', 'a label', 'api')
              .option('--expires-in-days <n>', 'expiry (default: none)'),
          (_a, f) => ({
            kind: 'tokens-create',
            customer: String(f.customer),
            username: String(f.user),
            name: String(f.name),
            ...(f.expiresInDays ? { expiresInDays: days(String(f.expiresInDays)) } : {}),
          }),
        ),
      )
      .addCommand(
        leaf('list', 'list API tokens', customerOpt, (_a, f) => ({
          kind: 'tokens-list',
          customer: String(f.customer),
        })),
      )
      .addCommand(
        leaf(
          'revoke',
          'revoke an API token',
          (c) => customerOpt(c).argument('<id>'),
          ([id], f) => ({
            kind: 'tokens-revoke',
            customer: String(f.customer),
            id: id!,
          }),
        ),
      ),
  );
  admin.addCommand(
    new Command('activation-ids')
      .description('sensor activation ids')
      .addCommand(
        leaf(
          'create',
          'create an ActivationId',
          (c) => customerOpt(c).option('--name <name>', 'a label', 'sensors'),
          (_a, f) => ({
            kind: 'activation-ids-create',
            customer: String(f.customer),
            name: String(f.name),
          }),
        ),
      )
      .addCommand(
        leaf('list', 'list activation ids', customerOpt, (_a, f) => ({
          kind: 'activation-ids-list',
          customer: String(f.customer),
        })),
      )
      .addCommand(
        leaf(
          'revoke',
          'revoke an ActivationId',
          (c) => customerOpt(c).argument('<id>'),
          ([id], f) => ({
            kind: 'activation-ids-revoke',
            customer: String(f.customer),
            id: id!,
          }),
        ),
      ),
  );
  return admin;
}
