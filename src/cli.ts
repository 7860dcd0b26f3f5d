import { Command, Option } from 'commander';
import { createContext, type Context, type ContextIo, type GlobalOptions } from './context.js';
import type { Translate } from './ui/i18n.js';
import { ORDER_FIELDS } from './core/order-field-list.js';
import { localizedHelp } from './ui/commander-errors.js';

/** A command module: one file per command under src/commands, loaded only when its command runs. */
export type CommandModule = { run(context: Context, ...args: unknown[]): Promise<void> };

export type ProgramOptions = {
  t: Translate;
  io: ContextIo;
  version: string;
  /**
   * The arguments this program will parse: the options of commands other than the one they run are then left
   * out (building some 150 options was a noticeable part of every command's start-up). Absent, or asking for
   * help: every command is complete.
   */
  argv?: readonly string[];
};

/** The command word of a run (the first argument that is not a global option or its value). */
function invokedCommand(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--') return argv[i + 1];
    if (arg === '--lang' || arg === '--home') i += 1;
    else if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}

/** Wrap a lazily imported command module as a commander action that first builds the context. */
function lazy(io: ContextIo, load: () => Promise<CommandModule>) {
  return async (...args: unknown[]) => {
    const command = args.at(-1) as Command;
    const context = createContext(command.optsWithGlobals<GlobalOptions>(), io);
    const [module] = await Promise.all([load(), context.out.ready()]);
    await module.run(context, ...args.slice(0, -1), command);
  };
}

/** The order flags of `new` (also used by `edit` and the one-off `letter`). */
export function addOrderFlags(command: Command, t: Translate): Command {
  for (const field of ORDER_FIELDS) command.option(`--${field.flag} <value>`, t(`flag.${field.flag}`));
  return command;
}

/**
 * Build a fresh program (one per run, one per test). Every action lazy-imports its module, so --help never
 * loads the store, the prompt library, a browser or a PDF library.
 */
export function createProgram({ t, io, version, argv }: ProgramOptions): Command {
  const program = new Command('weiquan');
  const invoked = argv ? invokedCommand(argv) : undefined;
  const complete = invoked === undefined || invoked === 'help' || argv!.includes('-h') || argv!.includes('--help');
  /**
   * A top-level command. Its options are built by `options`, called only when this run uses the command (or
   * help may show it).
   */
  const command = (nameAndArgs: string, options?: (created: Command) => unknown): Command => {
    const created = program.command(nameAndArgs);
    if (options && (complete || nameAndArgs.split(' ')[0] === invoked)) options(created);
    return created;
  };
  program
    .description(t('program.description'))
    .version(version, '-V, --version', t('flag.version'))
    .helpOption('-h, --help', t('flag.help'))
    .helpCommand('help [command]', t('flag.help'))
    .option('--json', t('flag.json'))
    .addOption(new Option('--lang <lang>', t('flag.lang')).choices(['zh', 'en']))
    .option('--home <dir>', t('flag.home'))
    .option('--no-input', t('flag.noInput'))
    .option('-y, --yes', t('flag.yes'))
    .option('--verbose', t('flag.verbose'))
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // usage errors are reported by main.ts from the error's code, in the interface language
      outputError: () => undefined,
    })
    .configureHelp(localizedHelp(t))
    .exitOverride()
    .argument('[command]') // so that an unknown command reaches the menu action and gets a clear error
    .usage('[options] [command]')
    .action(lazy(io, () => import('./commands/menu.js')));

  const profile = command('profile').description(t('cmd.profile'));
  profile
    .command('set')
    .description(t('cmd.profile.set'))
    .option('--name <name>', t('flag.name'))
    .option('--phone <phone>', t('flag.phone'))
    .option('--address <address>', t('flag.address'))
    .option('--email <email>', t('flag.email'))
    .action(lazy(io, () => import('./commands/profile-set.js')));
  profile
    .command('show')
    .description(t('cmd.profile.show'))
    .action(lazy(io, () => import('./commands/profile-show.js')));

  const config = command('config').description(t('cmd.config'));
  config
    .command('get [key]')
    .description(t('cmd.config.get'))
    .action(lazy(io, () => import('./commands/config-get.js')));
  config
    .command('set <key> <value>')
    .description(t('cmd.config.set'))
    .action(lazy(io, () => import('./commands/config-set.js')));
  config
    .command('unset <key>')
    .description(t('cmd.config.unset'))
    .action(lazy(io, () => import('./commands/config-unset.js')));

  command('new', (created) =>
    addOrderFlags(created, t)
      .option('--time-zone <zone>', t('flag.timeZone'))
      .option('--client <client>', t('flag.client'))
      .option('--from <file>', t('flag.from')))
    .description(t('cmd.new'))
    .action(lazy(io, () => import('./commands/new.js')));

  command('list', (created) =>
    created
      .option('--overdue', t('flag.overdue'))
      .option('--client <client>', t('flag.client'))
      .option('--holidays <file>', t('flag.holidays')))
    .description(t('cmd.list'))
    .action(lazy(io, () => import('./commands/list.js')));

  const client = command('client').description(t('cmd.client'));
  const clientFlags = (command: Command) =>
    command
      .option('--name <name>', t('flag.name'))
      .option('--phone <phone>', t('flag.phone'))
      .option('--address <address>', t('flag.address'))
      .option('--email <email>', t('flag.email'))
      .option('--id-number <number>', t('flag.idNumber'));
  clientFlags(client.command('add').description(t('cmd.client.add'))).action(lazy(io, () => import('./commands/client-add.js')));
  client
    .command('list')
    .description(t('cmd.client.list'))
    .action(lazy(io, () => import('./commands/client-list.js')));
  client
    .command('show <client>')
    .description(t('cmd.client.show'))
    .option('--reveal', t('flag.reveal'))
    .action(lazy(io, () => import('./commands/client-show.js')));
  clientFlags(client.command('edit <client>').description(t('cmd.client.edit'))).action(lazy(io, () => import('./commands/client-edit.js')));

  command('show <case>', (created) =>
    created
      .option('--holidays <file>', t('flag.holidays')))
    .description(t('cmd.show'))
    .action(lazy(io, () => import('./commands/show.js')));

  command('edit <case>', (created) =>
    addOrderFlags(created, t)
      .option('--time-zone <zone>', t('flag.timeZone'))
      .option('--client <client>', t('flag.clientEdit'))
      .option('--platform-status <status>', t('flag.platformStatus')))
    .description(t('cmd.edit'))
    .action(lazy(io, () => import('./commands/edit.js')));

  command('resolve <case>', (created) =>
    created
      .addOption(new Option('--outcome <outcome>', t('flag.outcome')).choices(['delivered', 'refunded', 'withdrawn', 'other']))
      .option('--note <text>', t('flag.note'))
      .option('--at <time>', t('flag.at')))
    .description(t('cmd.resolve'))
    .action(lazy(io, () => import('./commands/resolve.js')));

  command('export <case>', (created) =>
    created
      .option('-o, --output <file>', t('flag.output'))
      .option('--redact', t('flag.redact')))
    .description(t('cmd.export'))
    .action(lazy(io, () => import('./commands/export.js')));

  command('import <file>')
    .description(t('cmd.import'))
    .action(lazy(io, () => import('./commands/import.js')));

  command('repair <case>')
    .description(t('cmd.repair'))
    .action(lazy(io, () => import('./commands/repair.js')));

  command('capture <case> [urls...]', (created) =>
    created
      .option('--kind <kind>', t('flag.kind'))
      .option('--proves <text>', t('flag.proves'))
      .option('--note <text>', t('flag.note'))
      .option('--again <id>', t('flag.again'))
      .option('--title <text>', t('flag.capture.title'))
      .addOption(new Option('--login', t('flag.login')).conflicts(['connect', 'cookies']))
      .addOption(new Option('--connect <endpoint>', t('flag.connect')).conflicts(['cookies', 'browser']))
      .option('--cookies <file>', t('flag.cookies'))
      .option('--browser <path>', t('flag.browser'))
      .option('--timeout <seconds>', t('flag.timeout'))
      .option('--device <device>', t('flag.device')))
    .description(t('cmd.capture'))
    .action(lazy(io, () => import('./commands/capture.js')));

  command('inspect <url>', (created) =>
    created
      .option('--case <case>', t('flag.inspect.case'))
      .option('--apply', t('flag.inspect.apply'))
      .option('--links <count>', t('flag.inspect.links'))
      .option('--browser <path>', t('flag.browser'))
      .option('--timeout <seconds>', t('flag.timeout')))
    .description(t('cmd.inspect'))
    .action(lazy(io, () => import('./commands/inspect.js')));

  const evidence = command('evidence').description(t('cmd.evidence'));
  evidence
    .command('add <case> <files...>')
    .description(t('cmd.evidence.add'))
    .option('--kind <kind>', t('flag.kind'))
    .option('--proves <text>', t('flag.proves'))
    .option('--note <text>', t('flag.note'))
    .option('--title <text>', t('flag.title'))
    .action(lazy(io, () => import('./commands/evidence-add.js')));
  evidence
    .command('list <case>')
    .description(t('cmd.evidence.list'))
    .action(lazy(io, () => import('./commands/evidence-list.js')));

  command('verify <case>')
    .description(t('cmd.verify'))
    .action(lazy(io, () => import('./commands/verify.js')));

  command('stamp <case>', (created) =>
    created
      .option('--tsa <url>', t('flag.tsa'), (value: string, previous: string[] = []) => [...previous, value])
      .option('--timeout <seconds>', t('flag.stampTimeout')))
    .description(t('cmd.stamp'))
    .action(lazy(io, () => import('./commands/stamp.js')));

  command('letter [case]', (created) =>
    addOrderFlags(created, t)
      .option('-o, --output <file>', t('flag.output'))
      .option('--reply-within <duration>', t('flag.replyWithin'))
      .option('--deliver-within <duration>', t('flag.deliverWithin'))
      .option('--template <file>', t('flag.template'))
      .option('--font <file>', t('flag.font'))
      .option('--name <name>', t('flag.complainantName'))
      .option('--phone <phone>', t('flag.complainantPhone'))
      .option('--address <address>', t('flag.complainantAddress'))
      .option('--email <email>', t('flag.complainantEmail'))
      .option('--time-zone <zone>', t('flag.timeZone'))
      .option('--claim-costs', t('flag.claimCosts'))
      .option('--open', t('flag.open')))
    .description(t('cmd.letter'))
    .action(lazy(io, () => import('./commands/letter.js')));

  command('bundle <case>', (created) =>
    created
      .option('-o, --output <dir>', t('flag.outputDir'))
      .option('--reply-within <duration>', t('flag.replyWithin'))
      .option('--claim-costs', t('flag.claimCosts'))
      .option('--font <file>', t('flag.font'))
      .option('--open', t('flag.open')))
    .description(t('cmd.bundle'))
    .action(lazy(io, () => import('./commands/bundle.js')));

  command('authorize <case>', (created) =>
    created
      .option('--agent-name <name>', t('flag.agentName'))
      .option('--agent-phone <phone>', t('flag.agentPhone'))
      .option('--agent-id <id>', t('flag.agentId'))
      .option('--scope <scope>', t('flag.scope'))
      .option('--until <date>', t('flag.until'))
      .option('--routes <list>', t('flag.routes'))
      .option('-o, --output <file>', t('flag.output'))
      .option('--font <file>', t('flag.font'))
      .option('--open', t('flag.open')))
    .description(t('cmd.authorize'))
    .action(lazy(io, () => import('./commands/authorize.js')));

  command('doctor')
    .description(t('cmd.doctor'))
    .action(lazy(io, () => import('./commands/doctor.js')));

  command('demo', (created) =>
    created
      .option('--out <dir>', t('flag.demoOut'))
      .option('--keep', t('flag.keep'))
      .option('--font <file>', t('flag.font')))
    .description(t('cmd.demo'))
    .action(lazy(io, () => import('./commands/demo.js')));

  // Customer-service log, filings, deadlines and the next step (issue 4).
  const collect = (value: string, previous: string[] = []) => [...previous, value];
  command('contact <case>', (created) =>
    created
      .option('--channel <channel>', t('flag.channel'))
      .option('--at <time>', t('flag.at'))
      .option('--agent <name>', t('flag.agent'))
      .option('--ticket <number>', t('flag.ticket'))
      .option('--summary <text>', t('flag.summary'))
      .option('--promised-by <time|duration>', t('flag.promisedBy'))
      .option('--outcome <text>', t('flag.contactOutcome'))
      .option('--evidence <id>', t('flag.evidenceRef'), collect))
    .description(t('cmd.contact'))
    .action(lazy(io, () => import('./commands/contact.js')));
  command('filed <case>', (created) =>
    created
      .option('--at <time>', t('flag.at'))
      .option('--route <route>', t('flag.route'))
      .option('--complaint-no <number>', t('flag.complaintNo'))
      .option('--reference <number>', t('flag.filingReference'))
      .option('--authority <name>', t('flag.authority')))
    .description(t('cmd.filed'))
    .action(lazy(io, () => import('./commands/filed.js')));
  command('sent <case>', (created) =>
    created
      .option('--at <time>', t('flag.at'))
      .option('--reply-by <time|duration>', t('flag.replyBy'))
      .option('--channel <channel>', t('flag.sentChannel'))
      .option('--reference <proof>', t('flag.sentReference')))
    .description(t('cmd.sent'))
    .action(lazy(io, () => import('./commands/sent.js')));
  command('due', (created) =>
    created
      .option('--ics <file>', t('flag.ics'))
      .option('--client <client>', t('flag.client'))
      .option('--fail-on-overdue', t('flag.failOnOverdue'))
      .option('--holidays <file>', t('flag.holidays')))
    .description(t('cmd.due'))
    .action(lazy(io, () => import('./commands/due.js')));
  command('next <case>', (created) =>
    created
      .option('--channel <channel>', t('flag.messageChannel'))
      .option('--holidays <file>', t('flag.holidays'))
      .option('--copy', t('flag.copy')))
    .description(t('cmd.next'))
    .action(lazy(io, () => import('./commands/next.js')));

  command('draft <case>', (created) =>
    created
      .addOption(new Option('--for <route>', t('flag.draftFor')).choices(['payment', 'consumer-association', 'telecom', 'court', 'police']))
      .option('-o, --output <file>', t('flag.output'))
      .option('--font <file>', t('flag.font'))
      .option('--open', t('flag.open')))
    .description(t('cmd.draft'))
    .action(lazy(io, () => import('./commands/draft.js')));

  // Help lists commands in the order of the job, not the order they were registered in.
  const jobOrder = ['demo', 'doctor', 'profile', 'client', 'new', 'list', 'show', 'edit', 'inspect', 'capture', 'evidence', 'verify', 'stamp', 'contact', 'next', 'due', 'letter', 'sent', 'bundle', 'filed', 'draft', 'authorize', 'resolve', 'export', 'import', 'repair', 'config'];
  const rank = (command: Command) => {
    const index = jobOrder.indexOf(command.name());
    return index === -1 ? jobOrder.length : index;
  };
  (program.commands as Command[]).sort((a, b) => rank(a) - rank(b));
  return program;
}
