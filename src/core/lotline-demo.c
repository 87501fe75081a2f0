/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lotline-demo.h"
#include "lotline-expiry.h"
#include "lotline-ledger.h"
#include "lotline-store-private.h"

/*
 * The demo is a preserves maker simulated one day at a time for a year:
 * fresh fruit, sugar, pectin, lemon juice and packaging arrive weekly; the
 * kettles cook fruit into jam base, which is filled into jars the same day;
 * finished goods are moved between the two warehouses and shipped to
 * customers first-expiry-first-out. Every write goes through the ledger, so
 * the result obeys the same rules as data typed in by a person, and an
 * in-memory mirror of the stock lets the simulation choose only moves the
 * ledger will accept.
 *
 * Scale multiplies the number of customers and so the number of lots and
 * events, never the size of a lot: a lot of pectin feeds a few dozen
 * batches whatever the scale, which keeps any one trace a realistic size.
 */

#define MAX_LINES        64      /* lines of one event */
#define TRUCK_LINES      20      /* lots per receipt */
#define TRANSFER_LINES   40      /* lines per transfer */
#define TX_EVENTS        4000    /* events per committed transaction */
#define NONE             G_MAXUINT32
#define MAX_LOCATIONS    256

#define BATCH_G          500000  /* a kettle batch: 500 kg of jam base, in grams */
#define MIN_BATCH_G      100000
#define MIN_FILL_G       30000
#define CASE_JARS        12
#define STOCK_COVER_DAYS 10      /* finished goods kept on hand, in days of demand */
#define WH_B_COVER_DAYS  6
#define WH_B_MIN_LIFE    60      /* days left on lots sent to the distribution centre */
#define BASE_SHELF_LIFE  5
#define JAM_SHELF_LIFE   270

/* Per mille of the base batch weight. */
#define RECIPE_FRUIT     550
#define RECIPE_SUGAR     450
#define RECIPE_PECTIN    6
#define RECIPE_LEMON     12

/* Seconds after midnight (UTC) at which each part of the day starts. */
#define PHASE_RECEIVE    (5 * 3600)
#define PHASE_QA         (6 * 3600 + 1800)
#define PHASE_PRODUCE    (7 * 3600)
#define PHASE_TRANSFER   (14 * 3600)
#define PHASE_SHIP       (15 * 3600)
#define PHASE_CLEANUP    (21 * 3600)

enum { WH_A, WH_B, N_WAREHOUSES };

enum { FRUIT_STRAWBERRY, FRUIT_RASPBERRY, FRUIT_APRICOT, FRUIT_BLUEBERRY, N_FRUITS };
enum { SIZE_340, SIZE_227, N_SIZES };
#define N_FINISHED (N_FRUITS * N_SIZES)

enum {
  P_STRAWBERRIES, P_RASPBERRIES, P_APRICOTS, P_BLUEBERRIES,  /* in fruit order */
  P_SUGAR, P_PECTIN, P_LEMON,
  P_JAR_340, P_JAR_227, P_LID,
  P_LABEL,                            /* + fruit * N_SIZES + size */
  P_BASE = P_LABEL + N_FINISHED,      /* + fruit */
  P_FINISHED = P_BASE + N_FRUITS,     /* + fruit * N_SIZES + size */
  N_PRODUCTS = P_FINISHED + N_FINISHED,
  N_PURCHASED = P_LABEL + N_FINISHED, /* raw materials and packaging */
};

enum { ZONE_COLD, ZONE_DRY, ZONE_PKG, ZONE_FG_A, ZONE_FG_B, ZONE_NONE, N_ZONES = ZONE_NONE };

enum {
  SUP_WBF, SUP_MCG, SUP_CRF, SUP_SSO, SUP_BHF, SUP_GCS, SUP_PIN, SUP_CCJ, SUP_KGC, SUP_TSC, SUP_RLP,
  N_SUPPLIERS
};

enum { CUSTOMER_BIG_BOX, CUSTOMER_DISCOUNT, CUSTOMER_INDEPENDENT };

enum { USER_PLANNER, USER_RECEIVING, USER_PRODUCTION, USER_SHIPPING, USER_QA };

typedef enum {
  PENDING_HOLD_END,
  PENDING_RETURN,
  PENDING_RETURN_SCRAP,
  PENDING_RETURN_RESTOCK,
} PendingKind;

static const char * const users[] = { "dlee", "akowalski", "mokafor", "jlindqvist", "rpatel" };

static const struct {
  const char *code, *name, *gln, *phone, *street, *city, *region, *postal, *contact, *domain, *lot_prefix;
} supplier_defs[N_SUPPLIERS] = {
  { "SUP-WBF", "Willow Bend Berry Farm", "081234510001", "(831) 555-0142", "1420 Riverside Road",
    "Watsonville", "CA", "95076", "Maria Delgado", "willowbendberries.example", "WB" },
  { "SUP-MCG", "Marsh Creek Growers", "081234520004", "(813) 555-0177", "6610 County Road 39",
    "Plant City", "FL", "33565", "Dale Whitfield", "marshcreekgrowers.example", "MC" },
  { "SUP-CRF", "Cascade Ridge Farms", "081234530007", "(360) 555-0119", "8821 Badger Road",
    "Lynden", "WA", "98264", "Anja Vos", "cascaderidgefarms.example", "CR" },
  { "SUP-SSO", "Sunny Slope Orchards", "081234540000", "(209) 555-0163", "2450 Orchard Lane",
    "Patterson", "CA", "95363", "Luis Romero", "sunnyslopeorchards.example", "SS" },
  { "SUP-BHF", "Blue Hollow Farms", "081234550003", "(609) 555-0128", "301 Weymouth Road",
    "Hammonton", "NJ", "08037", "Grace Cella", "bluehollowfarms.example", "BH" },
  { "SUP-GCS", "Gulf Coast Cane Sugar Co.", "082345610005", "(985) 555-0150", "100 Refinery Road",
    "Thibodaux", "LA", "70301", "Paul Guidry", "gulfcoastsugar.example", "GC" },
  { "SUP-PIN", "Pomona Ingredients Inc.", "082345620008", "(209) 555-0181", "77 Industrial Parkway",
    "Stockton", "CA", "95206", "Helen Park", "pomonaingredients.example", "PI" },
  { "SUP-CCJ", "Citrus Coast Juices", "082345630001", "(805) 555-0136", "5400 Harbor Boulevard",
    "Ventura", "CA", "93001", "Tom Alvarez", "citruscoastjuices.example", "CC" },
  { "SUP-KGC", "Keystone Glass Containers", "083456710002", "(717) 555-0194", "1900 Furnace Street",
    "Lancaster", "PA", "17601", "Beth Hoover", "keystoneglass.example", "KG" },
  { "SUP-TSC", "Tri-State Closures", "083456720005", "(304) 555-0107", "42 Commerce Drive",
    "Wheeling", "WV", "26003", "Ray Kowalczyk", "tristateclosures.example", "TS" },
  { "SUP-RLP", "Riverside Label & Print", "083456730008", "(937) 555-0171", "815 River Street",
    "Dayton", "OH", "45402", "Nina Brooks", "riversidelabel.example", "RL" },
};

/* Raw materials and packaging bought in; labels are added per finished product. */
static const struct {
  const char        *sku, *name, *prefix, *unit;
  LotlineProductKind kind;
  int                shelf_life;
  gboolean           ftl;          /* fresh-cut fruit is on FDA's Food Traceability List */
  gint64             cost;
  const char        *gtin;         /* 13 digits, the check digit is added */
  gint64             lot_size;     /* largest receipt lot, thousandths */
  gint64             round_to;     /* receipt lots are multiples of this */
  int                receipt_day;  /* GDateWeekday */
  int                cover;        /* working days one receipt is meant to last */
  int                zone;
  guint8             suppliers[2];
  guint8             n_suppliers;
} purchased_defs[P_LABEL] = {
  { "RAW-STR", "Strawberries, hulled (fresh-cut)", "ST", "kg", LOTLINE_PRODUCT_RAW, 7, TRUE, 3200, NULL,
    1500000, 10000, G_DATE_MONDAY, 5, ZONE_COLD, { SUP_WBF, SUP_MCG }, 2 },
  { "RAW-RAS", "Raspberries, fresh", "RA", "kg", LOTLINE_PRODUCT_RAW, 6, FALSE, 7400, NULL,
    800000, 10000, G_DATE_MONDAY, 5, ZONE_COLD, { SUP_WBF, SUP_CRF }, 2 },
  { "RAW-APR", "Apricot halves, pitted (fresh-cut)", "AP", "kg", LOTLINE_PRODUCT_RAW, 10, TRUE, 2900, NULL,
    1500000, 10000, G_DATE_MONDAY, 5, ZONE_COLD, { SUP_SSO }, 1 },
  { "RAW-BLU", "Blueberries, fresh", "BU", "kg", LOTLINE_PRODUCT_RAW, 14, FALSE, 5600, NULL,
    1200000, 10000, G_DATE_MONDAY, 5, ZONE_COLD, { SUP_CRF, SUP_BHF }, 2 },
  { "RAW-SUG", "Cane sugar, granulated (25 kg bags)", "SU", "kg", LOTLINE_PRODUCT_RAW, 730, FALSE, 950,
    "0082345600011", 5000000, 25000, G_DATE_TUESDAY, 10, ZONE_DRY, { SUP_GCS }, 1 },
  { "RAW-PEC", "Apple pectin, rapid set (25 kg bags)", "PE", "kg", LOTLINE_PRODUCT_RAW, 540, FALSE, 18500,
    "0082345600028", 100000, 25000, G_DATE_WEDNESDAY, 10, ZONE_DRY, { SUP_PIN }, 1 },
  { "RAW-LEM", "Lemon juice, not from concentrate (20 L jerrycans)", "LJ", "L", LOTLINE_PRODUCT_RAW, 120, FALSE, 2400,
    "0082345600035", 200000, 20000, G_DATE_TUESDAY, 10, ZONE_COLD, { SUP_CCJ }, 1 },
  { "PKG-JAR-340", "Glass jar 340 g (12 oz), 63 mm twist-off neck", "JL", "ea", LOTLINE_PRODUCT_PACKAGING, -1, FALSE, 310,
    "0083456700018", 20000000, 1000000, G_DATE_WEDNESDAY, 15, ZONE_PKG, { SUP_KGC }, 1 },
  { "PKG-JAR-227", "Glass jar 227 g (8 oz), 63 mm twist-off neck", "JS", "ea", LOTLINE_PRODUCT_PACKAGING, -1, FALSE, 270,
    "0083456700025", 20000000, 1000000, G_DATE_WEDNESDAY, 15, ZONE_PKG, { SUP_KGC }, 1 },
  { "PKG-LID-63", "Twist-off lid 63 mm, gold lacquer", "CL", "ea", LOTLINE_PRODUCT_PACKAGING, -1, FALSE, 60,
    "0083456700032", 30000000, 1000000, G_DATE_THURSDAY, 15, ZONE_PKG, { SUP_TSC }, 1 },
};

static const char * const fruit_names[N_FRUITS] = { "Strawberry", "Raspberry", "Apricot", "Blueberry" };
static const char * const fruit_tags[N_FRUITS] = { "STR", "RAS", "APR", "BLU" };
static const char * const base_prefixes[N_FRUITS] = { "SB", "RB", "AB", "BB" };
static const char * const finished_prefixes[N_FINISHED] = { "SL", "SS", "RL", "RS", "AL", "AS", "BL", "BS" };
static const char * const label_prefixes[N_FINISHED] = { "LSL", "LSS", "LRL", "LRS", "LAL", "LAS", "LBL", "LBS" };
static const int size_grams[N_SIZES] = { 340, 227 };
static const int fruit_weight[N_FRUITS] = { 40, 25, 15, 20 };
static const int size_weight[N_SIZES] = { 60, 40 };

static const struct {
  const char *city, *region, *zip3, *area;
} cities[] = {
  { "Portland", "OR", "972", "503" }, { "Seattle", "WA", "981", "206" }, { "Spokane", "WA", "992", "509" },
  { "Boise", "ID", "837", "208" }, { "Sacramento", "CA", "958", "916" }, { "Fresno", "CA", "937", "559" },
  { "San Jose", "CA", "951", "408" }, { "Reno", "NV", "895", "775" }, { "Salt Lake City", "UT", "841", "801" },
  { "Denver", "CO", "802", "303" }, { "Phoenix", "AZ", "850", "602" }, { "Albuquerque", "NM", "871", "505" },
  { "Austin", "TX", "787", "512" }, { "Dallas", "TX", "752", "214" }, { "Houston", "TX", "770", "713" },
  { "Oklahoma City", "OK", "731", "405" }, { "Kansas City", "MO", "641", "816" }, { "Omaha", "NE", "681", "402" },
  { "Minneapolis", "MN", "554", "612" }, { "Madison", "WI", "537", "608" }, { "Chicago", "IL", "606", "312" },
  { "Springfield", "IL", "627", "217" }, { "Indianapolis", "IN", "462", "317" }, { "Columbus", "OH", "432", "614" },
  { "Cleveland", "OH", "441", "216" }, { "Detroit", "MI", "482", "313" }, { "Grand Rapids", "MI", "495", "616" },
  { "Louisville", "KY", "402", "502" }, { "Nashville", "TN", "372", "615" }, { "Atlanta", "GA", "303", "404" },
  { "Charlotte", "NC", "282", "704" }, { "Raleigh", "NC", "276", "919" }, { "Richmond", "VA", "232", "804" },
  { "Baltimore", "MD", "212", "410" }, { "Philadelphia", "PA", "191", "215" }, { "Pittsburgh", "PA", "152", "412" },
  { "Albany", "NY", "122", "518" }, { "Hartford", "CT", "061", "860" }, { "Providence", "RI", "029", "401" },
  { "Burlington", "VT", "054", "802" }, { "Portland", "ME", "041", "207" }, { "Tampa", "FL", "336", "813" },
  { "Orlando", "FL", "328", "407" },
};

static const char * const street_names[] = {
  "Main", "Oak", "Maple", "Cedar", "Elm", "Pine", "Washington", "Lake", "Hill", "Park", "River", "Church",
  "Market", "Mill", "Spring", "Center", "Union", "Highland", "Jefferson", "Lincoln", "Franklin", "Sunset",
  "Railroad", "Orchard", "Meadow", "Harbor", "Prospect", "Broad", "Chestnut", "Walnut",
};
static const char * const street_suffixes[] = {
  "Street", "Avenue", "Road", "Boulevard", "Lane", "Drive", "Way", "Parkway",
};
static const char * const first_names[] = {
  "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
  "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Carlos", "Karen",
  "Daniel", "Lisa", "Matthew", "Nancy", "Anthony", "Sandra", "Kevin", "Ashley", "Brian", "Emily",
  "Wei", "Priya", "Ahmed", "Sofia", "Kenji", "Fatima",
};
static const char * const last_names[] = {
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
  "Hernandez", "Lopez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee",
  "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King",
  "Nguyen", "Patel", "Kim", "Schultz", "Olsen", "Novak",
};
static const char * const big_box_chains[] = {
  "Hearthland Supercenter", "MegaMart", "Harvest Table Supermarkets", "Great Plains Grocers",
  "Crestview Market", "Everyday Foods",
};
static const char * const discount_chains[] = {
  "Penny Pantry", "Dollar Basket", "ValuStop", "Thrift Fare Foods", "Bargain Barn Grocery",
};
static const char * const shop_adjectives[] = {
  "Golden", "Little", "Green", "Olde", "Country", "Village", "Harvest", "Corner", "Sunrise", "Honeybee",
};

static const char * const finished_hold_reasons[] = {
  "QA hold: vacuum seal check", "QA hold: fill weight out of tolerance",
  "QA hold: awaiting micro results", "QA hold: label misprint on line",
};
static const char * const raw_hold_reasons[] = {
  "Temperature excursion on arrival", "Foreign matter found on inspection", "Certificate of analysis missing",
};

typedef struct {
  gint64 loc;
  gint64 qty;
} Slot;

#define MAX_SLOTS 5

typedef struct {
  gint64  id;
  gint64  home;                  /* where it was put away: a WH-A bin, or production */
  gint64  away;                  /* its WH-B bin once it has been moved there */
  int     expires;               /* julian day; G_MAXINT when it does not expire */
  guint32 pos[N_WAREHOUSES];     /* index in its product's FEFO list, or NONE */
  guint8  product;
  guint8  status;                /* LotlineLotStatus, as the ledger stores it */
  guint8  n_slots;
  Slot    slots[MAX_SLOTS];
  char    code[16];
} Lot;

typedef struct {
  gint64 id;
  int    next_order;
  int    interval;
  int    min_shelf;                /* the customer's own policy, in days … */
  int    min_percent;              /* … or in percent of the shelf life */
  int    min_days_of[N_FINISHED];  /* days left each of its products needs, policies applied */
  guint8 type;
  guint8 warehouse;
  guint8 min_cases, max_cases;
  guint8 n_skus;
  guint8 skus[N_FINISHED];
} Customer;

typedef struct {
  int     day;
  guint8  kind;
  guint32 lot;
  guint   number;   /* the RMA a return belongs to */
  gint64  qty;
  gint64  party;
} Pending;

typedef struct {
  gint64      id;
  char       *sku;
  char       *name;
  char       *gtin;
  const char *prefix;
  const char *unit;
  LotlineProductKind kind;
  int         shelf_life;
  gboolean    ftl;
  gint64      cost;
  gint64      lot_size;
  gint64      round_to;
  int         receipt_day;
  int         cover;
  int         zone;
  guint8      suppliers[2];
  guint8      n_suppliers;
} Product;

/* The event being built. */
typedef struct {
  LotlineLineSpec lines[MAX_LINES];
  LotlineLotSpec  new_lots[MAX_LINES];
  guint32         lot[MAX_LINES];   /* index into Gen.lots */
  guint           n;
} Ev;

typedef struct {
  LotlineStore *store;
  GRand        *rand;
  int           first_day;
  int           opening_day;        /* the first working day: everything is delivered */
  int           last_day;
  int           day;
  GDateWeekday  weekday;
  gint64        day_unix;
  int           clock;              /* seconds since midnight of @day */
  int           step;               /* largest gap between two events, seconds */
  char          date[11];
  char          yymmdd[7];
  guint         events_in_tx;
  gboolean      in_tx;

  Product       products[N_PRODUCTS];
  gint64        suppliers[N_SUPPLIERS];
  gint64        site;
  gint64        production;
  gint64        quarantine;
  gint64        scrap;
  GArray       *bins[N_ZONES];      /* location ids */
  gint8         warehouse_of[MAX_LOCATIONS];

  GArray       *lots;               /* Lot */
  GArray       *fefo[N_PRODUCTS][N_WAREHOUSES];  /* guint32 lot indices, by expiry */
  guint         head[N_PRODUCTS][N_WAREHOUSES];  /* lots before it have no stock there */
  guint         seq[N_PRODUCTS];    /* lot sequence of the day */
  GArray       *customers;          /* Customer */
  GArray       *pending;            /* Pending */

  gint64        demand[N_FINISHED][N_WAREHOUSES];  /* thousandths of a jar per day */
  gint64        need[N_PURCHASED];  /* thousandths per working day */
  gint64        min_stock[N_PURCHASED];  /* least stock worth ordering up to */
  int           batch_cap[N_FRUITS];

  guint         n_po, n_bol, n_to, n_rma, n_hold, n_disposal;
  Ev            ev;
  GStringChunk *chunk;
} Gen;

/* ---- small helpers ---------------------------------------------------- */

static int
rnd (Gen *gen, int lo, int hi)
{
  return g_rand_int_range (gen->rand, lo, hi + 1);
}

static gboolean
chance (Gen *gen, double p)
{
  return g_rand_double (gen->rand) < p;
}

#define PICK(gen, array) ((array)[rnd ((gen), 0, G_N_ELEMENTS (array) - 1)])

static inline Lot *
lot_at (Gen *gen, guint32 index)
{
  return &g_array_index (gen->lots, Lot, index);
}

static gint64
round_up (gint64 value, gint64 to)
{
  return (value + to - 1) / to * to;
}

/* GS1 keys (GTIN, GLN) end with a mod-10 check digit. */
static char *
gs1_with_check (const char *body)
{
  int len = strlen (body), sum = 0;

  for (int i = 0; i < len; i++)
    {
      int digit = body[len - 1 - i] - '0';

      sum += i % 2 == 0 ? 3 * digit : digit;
    }
  return g_strdup_printf ("%s%d", body, (10 - sum % 10) % 10);
}

static char *
slug (const char *name, gsize max)
{
  GString *s = g_string_new (NULL);

  for (const char *p = name; *p && s->len < max; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (s, g_ascii_tolower (*p));
  return g_string_free (s, FALSE);
}

/* ---- days ------------------------------------------------------------- */

static int
unix_epoch_julian (void)
{
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_dmy (&d, 1, G_DATE_JANUARY, 1970);
  return (int) g_date_get_julian (&d);
}

static void
format_day (int julian, char out[11])
{
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_julian (&d, julian);
  g_snprintf (out, 11, "%04u-%02u-%02u", g_date_get_year (&d), g_date_get_month (&d), g_date_get_day (&d));
}

static const char *
day_text (Gen *gen, int julian)
{
  char text[11];

  format_day (julian, text);
  return g_string_chunk_insert (gen->chunk, text);
}

static GDateWeekday
weekday_of (int julian)
{
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_julian (&d, julian);
  return g_date_get_weekday (&d);
}

static int
next_working_day (int julian)
{
  while (weekday_of (julian) > G_DATE_FRIDAY)
    julian++;
  return julian;
}

static void
set_day (Gen *gen, int julian)
{
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_julian (&d, julian);
  gen->day = julian;
  gen->weekday = g_date_get_weekday (&d);
  gen->day_unix = (gint64) (julian - unix_epoch_julian ()) * 86400;
  gen->clock = 0;
  format_day (julian, gen->date);
  g_snprintf (gen->yymmdd, sizeof gen->yymmdd, "%02u%02u%02u",
              g_date_get_year (&d) % 100, g_date_get_month (&d), g_date_get_day (&d));
  memset (gen->seq, 0, sizeof gen->seq);
}

/* The moment of the next event: a little after the previous one, and not
 * before the part of the day it belongs to. */
static gint64
next_time (Gen *gen, int phase)
{
  gen->clock = MAX (gen->clock, phase) + rnd (gen, 1, gen->step);
  gen->clock = MIN (gen->clock, 86399);
  return gen->day_unix + gen->clock;
}

/* ---- the stock mirror ------------------------------------------------- */

static int
warehouse_of (Gen *gen, gint64 location)
{
  return location > 0 && location < MAX_LOCATIONS ? gen->warehouse_of[location] : -1;
}

static gint64
lot_qty_at (const Lot *lot, gint64 location)
{
  for (guint i = 0; i < lot->n_slots; i++)
    if (lot->slots[i].loc == location)
      return lot->slots[i].qty;
  return 0;
}

static gint64
lot_wh_qty (Gen *gen, const Lot *lot, int warehouse)
{
  gint64 total = 0;

  for (guint i = 0; i < lot->n_slots; i++)
    if (warehouse_of (gen, lot->slots[i].loc) == warehouse)
      total += lot->slots[i].qty;
  return total;
}

static gint64
lot_total (const Lot *lot)
{
  gint64 total = 0;

  for (guint i = 0; i < lot->n_slots; i++)
    total += lot->slots[i].qty;
  return total;
}

/* Lists a lot in its product's FEFO list of a warehouse, in expiry order. */
static void
fefo_add (Gen *gen, guint32 index, int warehouse)
{
  Lot *lot = lot_at (gen, index);
  GArray *list = gen->fefo[lot->product][warehouse];
  guint *head = &gen->head[lot->product][warehouse];
  guint pos;

  if (lot->pos[warehouse] == NONE)
    {
      g_array_append_val (list, index);
      pos = list->len - 1;
      while (pos > 0)
        {
          guint32 prev = g_array_index (list, guint32, pos - 1);

          if (lot_at (gen, prev)->expires <= lot->expires)
            break;
          g_array_index (list, guint32, pos) = prev;
          lot_at (gen, prev)->pos[warehouse] = pos;
          pos--;
        }
      g_array_index (list, guint32, pos) = index;
      lot->pos[warehouse] = pos;
    }
  if (lot->pos[warehouse] < *head)
    *head = lot->pos[warehouse];
}

static void
lot_put (Gen *gen, guint32 index, gint64 location, gint64 qty)
{
  Lot *lot = lot_at (gen, index);
  int warehouse;
  guint i;

  for (i = 0; i < lot->n_slots; i++)
    if (lot->slots[i].loc == location)
      break;
  if (i == lot->n_slots)
    {
      g_assert (lot->n_slots < MAX_SLOTS);
      lot->slots[lot->n_slots++] = (Slot) { location, 0 };
    }
  lot->slots[i].qty += qty;

  warehouse = warehouse_of (gen, location);
  if (warehouse >= 0)
    fefo_add (gen, index, warehouse);
}

static void
lot_take (Gen *gen, guint32 index, gint64 location, gint64 qty)
{
  Lot *lot = lot_at (gen, index);

  for (guint i = 0; i < lot->n_slots; i++)
    if (lot->slots[i].loc == location)
      {
        g_assert (lot->slots[i].qty >= qty);
        lot->slots[i].qty -= qty;
        if (lot->slots[i].qty == 0)
          lot->slots[i] = lot->slots[--lot->n_slots];
        return;
      }
  g_assert_not_reached ();
}

/* Skips the lots at the front of a FEFO list that have nothing left there. */
static void
fefo_trim (Gen *gen, guint product, int warehouse)
{
  GArray *list = gen->fefo[product][warehouse];
  guint *head = &gen->head[product][warehouse];

  while (*head < list->len &&
         lot_wh_qty (gen, lot_at (gen, g_array_index (list, guint32, *head)), warehouse) == 0)
    (*head)++;
}

static gboolean
lot_usable (const Lot *lot, int min_expiry)
{
  return lot->status == LOTLINE_LOT_RELEASED && lot->expires >= min_expiry;
}

/* Released stock of a product in a warehouse that lasts until @min_expiry. */
static gint64
usable_qty (Gen *gen, guint product, int warehouse, int min_expiry)
{
  GArray *list = gen->fefo[product][warehouse];
  gint64 total = 0;

  fefo_trim (gen, product, warehouse);
  for (guint i = gen->head[product][warehouse]; i < list->len; i++)
    {
      const Lot *lot = lot_at (gen, g_array_index (list, guint32, i));

      if (lot_usable (lot, min_expiry))
        total += lot_wh_qty (gen, lot, warehouse);
    }
  return total;
}

static guint32
new_lot (Gen *gen, guint product, gint64 home, int expires)
{
  Lot lot = {
    .home = home,
    .expires = expires,
    .pos = { NONE, NONE },
    .product = product,
    .status = LOTLINE_LOT_RELEASED,
  };

  g_snprintf (lot.code, sizeof lot.code, "%s%s-%02u", gen->products[product].prefix, gen->yymmdd,
              ++gen->seq[product]);
  g_array_append_val (gen->lots, lot);
  return gen->lots->len - 1;
}

static gint64
random_bin (Gen *gen, int zone)
{
  GArray *bins = gen->bins[zone];

  return g_array_index (bins, gint64, rnd (gen, 0, bins->len - 1));
}

/* ---- writing events --------------------------------------------------- */

static void
ev_reset (Gen *gen)
{
  gen->ev.n = 0;
  g_string_chunk_clear (gen->chunk);
}

static gboolean
ev_full (Gen *gen, guint room)
{
  return gen->ev.n + room > MAX_LINES;
}

static void
ev_add (Gen *gen, LotlineLineRole role, guint32 lot, gint64 location, gint64 qty)
{
  Ev *ev = &gen->ev;

  g_assert (ev->n < MAX_LINES);
  ev->lines[ev->n] = (LotlineLineSpec) {
    .role = role,
    .lot_id = lot_at (gen, lot)->id,
    .location_id = role == LOTLINE_LINE_SUBJECT ? 0 : location,
    .quantity = qty,
  };
  ev->lot[ev->n] = lot;
  ev->n++;
}

/* An output line that creates @lot; the caller fills in the dates. */
static LotlineLotSpec *
ev_add_new (Gen *gen, guint32 lot, gint64 location, gint64 qty)
{
  Ev *ev = &gen->ev;
  LotlineLotSpec *spec = &ev->new_lots[ev->n];

  g_assert (ev->n < MAX_LINES);
  *spec = (LotlineLotSpec) {
    .product_id = gen->products[lot_at (gen, lot)->product].id,
    .code = g_string_chunk_insert (gen->chunk, lot_at (gen, lot)->code),
  };
  ev->lines[ev->n] = (LotlineLineSpec) {
    .role = LOTLINE_LINE_OUTPUT,
    .new_lot = spec,
    .location_id = location,
    .quantity = qty,
  };
  ev->lot[ev->n] = lot;
  ev->n++;
  return spec;
}

static gboolean
commit_batch (Gen *gen, gboolean reopen, GError **error)
{
  gen->in_tx = FALSE;
  if (!lotline_store_commit (gen->store, error))
    return FALSE;
  gen->events_in_tx = 0;
  if (reopen)
    {
      if (!lotline_store_begin (gen->store, error))
        return FALSE;
      gen->in_tx = TRUE;
    }
  return TRUE;
}

/* Learns the ids the ledger gave the lots this event created. */
static gboolean
learn_new_lot_ids (Gen *gen, gint64 event_id, GError **error)
{
  Ev *ev = &gen->ev;
  sqlite3_stmt *stmt = NULL;

  for (guint i = 0; i < ev->n; i++)
    {
      if (ev->lines[i].role != LOTLINE_LINE_OUTPUT)
        continue;
      if (stmt == NULL)
        {
          stmt = lotline_store_prepare (gen->store,
                                        "SELECT lot_id FROM event_line WHERE event_id = ? AND role = 'output' ORDER BY id",
                                        error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, event_id);
        }
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          sqlite3_reset (stmt);
          lotline_store_set_sql_error (gen->store, error, _("reading the lots of a new event"));
          return FALSE;
        }
      if (ev->lines[i].new_lot != NULL)
        lot_at (gen, ev->lot[i])->id = sqlite3_column_int64 (stmt, 0);
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return TRUE;
}

/* Records the event built in gen->ev, then mirrors what the ledger did. */
static gboolean
ev_record (Gen *gen, LotlineEventKind kind, int user, gint64 when, gint64 party,
           const char *doc_type, const char *doc_number, const char *reason, GError **error)
{
  Ev *ev = &gen->ev;
  LotlineEventSpec spec = {
    .kind = kind,
    .occurred_at = when,
    .party_id = party,
    .doc_type = doc_type,
    .doc_number = doc_number,
    .reason = reason,
    .lines = ev->lines,
    .n_lines = ev->n,
  };
  gboolean any_new = FALSE;
  gint64 event_id = 0;

  if (ev->n == 0)
    return TRUE;

  lotline_store_set_user (gen->store, users[user]);
  lotline_store_set_now (gen->store, when);
  if (!lotline_store_record_event (gen->store, &spec, &event_id, error))
    return FALSE;

  for (guint i = 0; i < ev->n; i++)
    any_new |= ev->lines[i].new_lot != NULL;
  if (any_new && !learn_new_lot_ids (gen, event_id, error))
    return FALSE;

  for (guint i = 0; i < ev->n; i++)
    {
      const LotlineLineSpec *line = &ev->lines[i];

      if (line->role == LOTLINE_LINE_INPUT)
        lot_take (gen, ev->lot[i], line->location_id, line->quantity);
      else if (line->role == LOTLINE_LINE_OUTPUT)
        lot_put (gen, ev->lot[i], line->location_id, line->quantity);
    }
  for (guint i = 0; i < ev->n; i++)
    {
      Lot *lot = lot_at (gen, ev->lot[i]);

      if (kind == LOTLINE_EVENT_QUARANTINE)
        lot->status = LOTLINE_LOT_QUARANTINED;
      else if (kind == LOTLINE_EVENT_RELEASE)
        lot->status = LOTLINE_LOT_RELEASED;
      else if (kind == LOTLINE_EVENT_DESTROY && lot_total (lot) == 0)
        lot->status = LOTLINE_LOT_DESTROYED;
    }

  ev_reset (gen);
  if (++gen->events_in_tx >= TX_EVENTS)
    return commit_batch (gen, TRUE, error);
  return TRUE;
}

/* Adds input lines taking up to @want of @product from a warehouse, first
 * expiry first, from released lots that last until @min_expiry. */
static gint64
pick (Gen *gen, guint product, int warehouse, gint64 want, int min_expiry)
{
  GArray *list = gen->fefo[product][warehouse];
  gint64 taken = 0;

  fefo_trim (gen, product, warehouse);
  for (guint i = gen->head[product][warehouse]; i < list->len && taken < want && !ev_full (gen, 1); i++)
    {
      guint32 index = g_array_index (list, guint32, i);
      const Lot *lot = lot_at (gen, index);

      if (!lot_usable (lot, min_expiry))
        continue;
      for (guint s = 0; s < lot->n_slots && taken < want && !ev_full (gen, 1); s++)
        {
          gint64 qty;

          if (warehouse_of (gen, lot->slots[s].loc) != warehouse)
            continue;
          qty = MIN (lot->slots[s].qty, want - taken);
          ev_add (gen, LOTLINE_LINE_INPUT, index, lot->slots[s].loc, qty);
          taken += qty;
        }
    }
  return taken;
}

/* Moves all of a lot's stock (except what is at @to already) to @to. */
static void
ev_add_move_all (Gen *gen, guint32 index, gint64 to)
{
  Lot *lot = lot_at (gen, index);
  Slot slots[MAX_SLOTS];
  guint n = lot->n_slots;

  memcpy (slots, lot->slots, sizeof slots);
  for (guint i = 0; i < n; i++)
    if (slots[i].loc != to && slots[i].qty > 0 && !ev_full (gen, 2))
      {
        ev_add (gen, LOTLINE_LINE_INPUT, index, slots[i].loc, slots[i].qty);
        ev_add (gen, LOTLINE_LINE_OUTPUT, index, to, slots[i].qty);
      }
}

static void
add_pending (Gen *gen, int day, PendingKind kind, guint32 lot, guint number, gint64 qty, gint64 party)
{
  Pending p = { .day = day, .kind = kind, .lot = lot, .number = number, .qty = qty, .party = party };

  g_array_append_val (gen->pending, p);
}

/* A document number such as "BOL-0001234". */
static char *
doc (Gen *gen, const char *prefix, int digits, guint number)
{
  char text[32];

  g_snprintf (text, sizeof text, "%s-%0*u", prefix, digits, number);
  return g_string_chunk_insert (gen->chunk, text);
}

/* ---- master data ------------------------------------------------------ */

static gboolean
add_location (Gen *gen, const char *code, const char *name, LotlineLocationKind kind, gint64 parent,
              int warehouse, gint64 *out_id, GError **error)
{
  LotlineLocationSpec spec = { .code = code, .name = name, .kind = kind, .parent_id = parent, .site_id = gen->site };

  if (!lotline_store_add_location (gen->store, &spec, out_id, error))
    return FALSE;
  g_assert (*out_id > 0 && *out_id < MAX_LOCATIONS);
  gen->warehouse_of[*out_id] = warehouse;
  return TRUE;
}

static gboolean
add_zone (Gen *gen, const char *warehouse_code, gint64 warehouse_id, int warehouse, const char *zone_code,
          const char *zone_name, int zone, guint n_bins, GError **error)
{
  g_autofree char *code = g_strdup_printf ("%s-%s", warehouse_code, zone_code);
  gint64 zone_id = 0;

  if (!add_location (gen, code, zone_name, LOTLINE_LOCATION_ZONE, warehouse_id, warehouse, &zone_id, error))
    return FALSE;
  for (guint i = 1; i <= n_bins; i++)
    {
      g_autofree char *bin_code = g_strdup_printf ("%s-%02u", code, i);
      g_autofree char *bin_name = g_strdup_printf ("%s, bin %02u", zone_name, i);
      gint64 bin = 0;

      if (!add_location (gen, bin_code, bin_name, LOTLINE_LOCATION_BIN, zone_id, warehouse, &bin, error))
        return FALSE;
      g_array_append_val (gen->bins[zone], bin);
    }
  return TRUE;
}

static void
define_products (Gen *gen)
{
  for (guint p = 0; p < P_LABEL; p++)
    {
      Product *product = &gen->products[p];

      product->sku = g_strdup (purchased_defs[p].sku);
      product->name = g_strdup (purchased_defs[p].name);
      product->gtin = purchased_defs[p].gtin ? gs1_with_check (purchased_defs[p].gtin) : NULL;
      product->prefix = purchased_defs[p].prefix;
      product->unit = purchased_defs[p].unit;
      product->kind = purchased_defs[p].kind;
      product->shelf_life = purchased_defs[p].shelf_life;
      product->ftl = purchased_defs[p].ftl;
      product->cost = purchased_defs[p].cost;
      product->lot_size = purchased_defs[p].lot_size;
      product->round_to = purchased_defs[p].round_to;
      product->receipt_day = purchased_defs[p].receipt_day;
      product->cover = purchased_defs[p].cover;
      product->zone = purchased_defs[p].zone;
      memcpy (product->suppliers, purchased_defs[p].suppliers, sizeof product->suppliers);
      product->n_suppliers = purchased_defs[p].n_suppliers;
    }

  for (guint f = 0; f < N_FRUITS; f++)
    for (guint z = 0; z < N_SIZES; z++)
      {
        guint i = f * N_SIZES + z;
        Product *label = &gen->products[P_LABEL + i];
        Product *jam = &gen->products[P_FINISHED + i];
        g_autofree char *lower = g_ascii_strdown (fruit_names[f], -1);
        g_autofree char *gtin = g_strdup_printf ("00850003%05u", 101 + i);

        *label = (Product) {
          .sku = g_strdup_printf ("PKG-LBL-%s-%d", fruit_tags[f], size_grams[z]),
          .name = g_strdup_printf ("Label, %s jam %d g", lower, size_grams[z]),
          .prefix = label_prefixes[i],
          .unit = "ea",
          .kind = LOTLINE_PRODUCT_PACKAGING,
          .shelf_life = -1,
          .cost = 30,
          .lot_size = 10000000,
          .round_to = 1000000,
          .receipt_day = G_DATE_THURSDAY,
          .cover = 15,
          .zone = ZONE_PKG,
          .suppliers = { SUP_RLP },
          .n_suppliers = 1,
        };
        *jam = (Product) {
          .sku = g_strdup_printf ("FIN-%s-%d", fruit_tags[f], size_grams[z]),
          .name = g_strdup_printf ("%s jam %d g", fruit_names[f], size_grams[z]),
          .gtin = gs1_with_check (gtin),
          .prefix = finished_prefixes[i],
          .unit = "jar",
          .kind = LOTLINE_PRODUCT_FINISHED,
          .shelf_life = JAM_SHELF_LIFE,
          .cost = z == SIZE_340 ? 1850 : 1350,
          .zone = ZONE_FG_A,
        };
      }

  for (guint f = 0; f < N_FRUITS; f++)
    gen->products[P_BASE + f] = (Product) {
      .sku = g_strdup_printf ("INT-BASE-%s", fruit_tags[f]),
      .name = g_strdup_printf ("%s jam base", fruit_names[f]),
      .prefix = base_prefixes[f],
      .unit = "kg",
      .kind = LOTLINE_PRODUCT_INTERMEDIATE,
      .shelf_life = BASE_SHELF_LIFE,
      .cost = 2600,
      .zone = ZONE_NONE,
    };
}

static gboolean
add_master_data (Gen *gen, GError **error)
{
  LotlinePartySpec site = {
    .code = "SITE-HCP",
    .name = "Hollow Creek Preserves",
    .kind = LOTLINE_PARTY_SITE,
    .phone = "(541) 555-0100",
    .street = "410 Mill Race Road",
    .city = "Hood River",
    .region = "OR",
    .postal_code = "97031",
    .country = "US",
    .contact_name = "Jordan Reyes",
    .contact_email = "quality@hollowcreekpreserves.example",
    .min_shelf_life_days = -1,
  };
  g_autofree char *site_gln = gs1_with_check ("085000300001");
  gint64 wh_a = 0, wh_b = 0;

  lotline_store_set_user (gen->store, users[USER_PLANNER]);
  lotline_store_set_now (gen->store, gen->day_unix + 8 * 3600);

  define_products (gen);
  for (guint p = 0; p < N_PRODUCTS; p++)
    {
      Product *product = &gen->products[p];
      LotlineProductSpec spec = {
        .sku = product->sku,
        .name = product->name,
        .gtin = product->gtin,
        .kind = product->kind,
        .unit = product->unit,
        .shelf_life_days = product->shelf_life,
        .tracking = LOTLINE_TRACKING_LOT,
        .ftl = product->ftl,
        .unit_cost_milli = product->cost,
      };

      if (!lotline_store_add_product (gen->store, &spec, &product->id, error))
        return FALSE;
    }

  site.gln = site_gln;
  if (!lotline_store_add_party (gen->store, &site, &gen->site, error))
    return FALSE;

  for (guint s = 0; s < N_SUPPLIERS; s++)
    {
      g_autofree char *gln = gs1_with_check (supplier_defs[s].gln);
      g_autofree char *first = g_ascii_strdown (supplier_defs[s].contact, strcspn (supplier_defs[s].contact, " "));
      g_autofree char *email = g_strdup_printf ("%s@%s", first, supplier_defs[s].domain);
      LotlinePartySpec spec = {
        .code = supplier_defs[s].code,
        .name = supplier_defs[s].name,
        .kind = LOTLINE_PARTY_SUPPLIER,
        .gln = gln,
        .phone = supplier_defs[s].phone,
        .street = supplier_defs[s].street,
        .city = supplier_defs[s].city,
        .region = supplier_defs[s].region,
        .postal_code = supplier_defs[s].postal,
        .country = "US",
        .contact_name = supplier_defs[s].contact,
        .contact_email = email,
        .min_shelf_life_days = -1,
      };

      if (!lotline_store_add_party (gen->store, &spec, &gen->suppliers[s], error))
        return FALSE;
    }

  memset (gen->warehouse_of, -1, sizeof gen->warehouse_of);
  if (!add_location (gen, "WH-A", "Warehouse A (plant)", LOTLINE_LOCATION_WAREHOUSE, 0, WH_A, &wh_a, error) ||
      !add_zone (gen, "WH-A", wh_a, WH_A, "COLD", "Cold room", ZONE_COLD, 6, error) ||
      !add_zone (gen, "WH-A", wh_a, WH_A, "DRY", "Dry store", ZONE_DRY, 6, error) ||
      !add_zone (gen, "WH-A", wh_a, WH_A, "PKG", "Packaging store", ZONE_PKG, 8, error) ||
      !add_zone (gen, "WH-A", wh_a, WH_A, "FG", "Finished goods", ZONE_FG_A, 12, error) ||
      !add_location (gen, "WH-B", "Warehouse B (distribution centre)", LOTLINE_LOCATION_WAREHOUSE, 0, WH_B, &wh_b, error) ||
      !add_zone (gen, "WH-B", wh_b, WH_B, "FG", "Finished goods", ZONE_FG_B, 16, error) ||
      !add_location (gen, "PROD", "Kettle and filling hall", LOTLINE_LOCATION_PRODUCTION, 0, -1, &gen->production, error) ||
      !add_location (gen, "QUAR", "Quarantine cage", LOTLINE_LOCATION_QUARANTINE, 0, -1, &gen->quarantine, error) ||
      !add_location (gen, "SCRAP", "Scrap and disposal", LOTLINE_LOCATION_SCRAP, 0, -1, &gen->scrap, error))
    return FALSE;
  return TRUE;
}

/* Picks @n of the finished products, more popular ones more often. */
static void
choose_skus (Gen *gen, Customer *c, guint n)
{
  int weights[N_FINISHED];
  int total = 0;

  for (guint i = 0; i < N_FINISHED; i++)
    total += weights[i] = fruit_weight[i / N_SIZES] * size_weight[i % N_SIZES];

  c->n_skus = 0;
  while (c->n_skus < n && total > 0)
    {
      int r = rnd (gen, 0, total - 1);
      guint i = 0;

      while (r >= weights[i])
        r -= weights[i++];
      c->skus[c->n_skus++] = i;
      total -= weights[i];
      weights[i] = 0;
    }
}

/* Days a jam needs left for a policy: percentages are of the jam's shelf
 * life, rounded up as the ledger's allocation rounds them. */
static int
policy_days (int days, int percent)
{
  LotlineShelfLifePolicy policy = { LOTLINE_POLICY_CUSTOMER, days > 0 ? days : -1, percent > 0 ? percent : -1 };

  return lotline_shelf_life_policy_required_days (&policy, JAM_SHELF_LIFE);
}

/* Some customers have a stricter (or any) rule for one product: big-box
 * stores want their best seller fresher, some shops theirs with a third of
 * its life left.  The simulation ships by the same rules. */
static gboolean
add_policies (Gen *gen, Customer *c, guint number, GError **error)
{
  int override_days = -1, override_percent = -1;

  for (guint k = 0; k < c->n_skus; k++)
    c->min_days_of[k] = policy_days (c->min_shelf, c->min_percent);

  if (c->type == CUSTOMER_BIG_BOX && number % 2 == 0)
    override_days = 90;
  else if (c->type == CUSTOMER_INDEPENDENT && number % 5 == 0)
    override_percent = 35;
  else
    return TRUE;

  c->min_days_of[0] = policy_days (override_days, override_percent);
  return lotline_store_set_shelf_life_policy (gen->store, c->id, gen->products[P_FINISHED + c->skus[0]].id,
                                              override_days, override_percent, error);
}

static gboolean
add_customer (Gen *gen, guint number, GError **error)
{
  Customer c = { 0 };
  guint city = rnd (gen, 0, G_N_ELEMENTS (cities) - 1);
  const char *first = PICK (gen, first_names), *last = PICK (gen, last_names);
  g_autofree char *code = g_strdup_printf ("CUST-%05u", number);
  g_autofree char *name = NULL, *domain = NULL, *email = NULL, *gln = NULL;
  g_autofree char *street = NULL, *postal = NULL, *phone = NULL, *contact = NULL;
  int roll = rnd (gen, 0, 99);
  LotlinePartySpec spec;

  street = g_strdup_printf ("%d %s %s", rnd (gen, 100, 9899), PICK (gen, street_names), PICK (gen, street_suffixes));
  postal = g_strdup_printf ("%s%02d", cities[city].zip3, rnd (gen, 1, 99));
  phone = g_strdup_printf ("(%s) 555-%04d", cities[city].area, rnd (gen, 100, 199));
  contact = g_strdup_printf ("%s %s", first, last);

  if (roll < 10)
    {
      const char *chain = PICK (gen, big_box_chains);
      g_autofree char *chain_slug = slug (chain, 24);

      c.type = CUSTOMER_BIG_BOX;
      c.interval = 7;
      c.min_shelf = 60;
      /* Some chains state their rule as a share of the shelf life. */
      if (number % 3 == 0)
        {
          c.min_shelf = 0;
          c.min_percent = 25;
        }
      c.min_cases = 4;
      c.max_cases = 9;
      choose_skus (gen, &c, rnd (gen, 5, 8));
      name = g_strdup_printf ("%s #%04d", chain, rnd (gen, 1, 4999));
      email = g_strdup_printf ("recalls@%s.example", chain_slug);
    }
  else if (roll < 35)
    {
      const char *chain = PICK (gen, discount_chains);
      g_autofree char *chain_slug = slug (chain, 24);

      c.type = CUSTOMER_DISCOUNT;
      c.interval = 14;
      c.min_shelf = 30;
      if (number % 4 == 1)
        {
          c.min_shelf = 0;
          c.min_percent = 15;
        }
      c.min_cases = 2;
      c.max_cases = 5;
      choose_skus (gen, &c, rnd (gen, 3, 6));
      name = g_strdup_printf ("%s #%04d", chain, rnd (gen, 1, 9999));
      email = g_strdup_printf ("store%s@%s.example", code + 5, chain_slug);
    }
  else
    {
      g_autofree char *shop_slug = NULL, *first_lower = NULL, *last_lower = NULL;

      c.type = CUSTOMER_INDEPENDENT;
      c.interval = rnd (gen, 14, 28);
      c.min_shelf = 0;
      c.min_cases = 1;
      c.max_cases = 3;
      choose_skus (gen, &c, rnd (gen, 1, 5));
      switch (rnd (gen, 0, 5))
        {
        case 0: name = g_strdup_printf ("%s's Market", last); break;
        case 1: name = g_strdup_printf ("%s Street Grocery", PICK (gen, street_names)); break;
        case 2: name = g_strdup_printf ("%s Food Co-op", cities[city].city); break;
        case 3: name = g_strdup_printf ("The %s Pantry", PICK (gen, shop_adjectives)); break;
        case 4: name = g_strdup_printf ("%s Farm Stand", PICK (gen, shop_adjectives)); break;
        default: name = g_strdup_printf ("%s & Sons Fine Foods", PICK (gen, last_names)); break;
        }
      shop_slug = slug (name, 20);
      first_lower = g_ascii_strdown (first, -1);
      last_lower = g_ascii_strdown (last, -1);
      email = g_strdup_printf ("%s.%s@%s.example", first_lower, last_lower, shop_slug);
    }

  if (c.type != CUSTOMER_INDEPENDENT || chance (gen, 0.3))
    {
      g_autofree char *body = g_strdup_printf ("0860%08u", number);

      gln = gs1_with_check (body);
    }

  spec = (LotlinePartySpec) {
    .code = code,
    .name = name,
    .kind = LOTLINE_PARTY_CUSTOMER,
    .gln = gln,
    .phone = phone,
    .street = street,
    .city = cities[city].city,
    .region = cities[city].region,
    .postal_code = postal,
    .country = "US",
    .contact_name = contact,
    .contact_email = email,
    .min_shelf_life_days = c.min_shelf > 0 ? c.min_shelf : -1,
    .min_shelf_life_percent = c.min_percent,
  };
  if (!lotline_store_add_party (gen->store, &spec, &c.id, error) ||
      !add_policies (gen, &c, number, error))
    return FALSE;

  c.warehouse = chance (gen, 0.4) ? WH_B : WH_A;
  /* Orders start once the plant has built some stock. */
  c.next_order = next_working_day (gen->opening_day + 7 + rnd (gen, 0, c.interval - 1));

  /* Each order line holds a product with probability 4/5; thousandths of a
   * jar per day is jars per 1000 days. */
  for (guint i = 0; i < c.n_skus; i++)
    gen->demand[c.skus[i]][c.warehouse] += (gint64) (c.min_cases + c.max_cases) * CASE_JARS * 400 / c.interval;

  g_array_append_val (gen->customers, c);
  return TRUE;
}

/* What the plant must buy per working day to meet the customers' demand. */
static void
plan_purchases (Gen *gen)
{
  gint64 base_total = 0, base_lemon = 0;

  memset (gen->need, 0, sizeof gen->need);
  for (guint f = 0; f < N_FRUITS; f++)
    {
      gint64 base_g = 0;

      for (guint z = 0; z < N_SIZES; z++)
        {
          guint i = f * N_SIZES + z;
          gint64 jars = (gen->demand[i][WH_A] + gen->demand[i][WH_B]) * 7 / 5;

          base_g += jars * size_grams[z] / 1000;
          gen->need[z == SIZE_340 ? P_JAR_340 : P_JAR_227] += jars;
          gen->need[P_LID] += jars;
          gen->need[P_LABEL + i] += jars + jars / 200;
        }
      gen->need[P_STRAWBERRIES + f] = base_g * RECIPE_FRUIT / 1000;
      base_total += base_g;
      if (f != FRUIT_RASPBERRY)
        base_lemon += base_g;
      gen->batch_cap[f] = (int) ((base_g * 5 / 2 + BATCH_G - 1) / BATCH_G) + 1;
    }
  gen->need[P_SUGAR] = base_total * RECIPE_SUGAR / 1000;
  gen->need[P_PECTIN] = base_total * RECIPE_PECTIN / 1000;
  gen->need[P_LEMON] = base_lemon * RECIPE_LEMON / 1000;

  /* However small the plant, it keeps two of its smallest batches' worth. */
  for (guint f = 0; f < N_FRUITS; f++)
    gen->min_stock[P_STRAWBERRIES + f] = 2 * MIN_BATCH_G * RECIPE_FRUIT / 1000;
  gen->min_stock[P_SUGAR] = 2 * MIN_BATCH_G * RECIPE_SUGAR / 1000;
  gen->min_stock[P_PECTIN] = 2 * MIN_BATCH_G * RECIPE_PECTIN / 1000;
  gen->min_stock[P_LEMON] = 2 * MIN_BATCH_G * RECIPE_LEMON / 1000;
  gen->min_stock[P_JAR_340] = 2 * MIN_BATCH_G / size_grams[SIZE_340] * 1000;
  gen->min_stock[P_JAR_227] = 2 * MIN_BATCH_G / size_grams[SIZE_227] * 1000;
  gen->min_stock[P_LID] = gen->min_stock[P_JAR_227];
  for (guint i = 0; i < N_FINISHED; i++)
    gen->min_stock[P_LABEL + i] = gen->min_stock[i % N_SIZES == SIZE_340 ? P_JAR_340 : P_JAR_227];
}

/* ---- holds, returns and disposal -------------------------------------- */

static gboolean
hold (Gen *gen, guint32 index, const char *reason, int resolve_on, GError **error)
{
  char *number = doc (gen, "QH", 5, ++gen->n_hold);

  ev_add (gen, LOTLINE_LINE_SUBJECT, index, 0, 0);
  if (!ev_record (gen, LOTLINE_EVENT_QUARANTINE, USER_QA, next_time (gen, 0), 0, "QA hold", number, reason, error))
    return FALSE;
  number = doc (gen, "QH", 5, gen->n_hold);
  ev_add_move_all (gen, index, gen->quarantine);
  if (!ev_record (gen, LOTLINE_EVENT_TRANSFER, USER_QA, next_time (gen, 0), 0, "QA hold", number, NULL, error))
    return FALSE;
  add_pending (gen, resolve_on, PENDING_HOLD_END, index, 0, 0, 0);
  return TRUE;
}

/* Moves stock to the scrap area and destroys it there; @qty 0 = all of it. */
static gboolean
scrap_lots (Gen *gen, const guint32 *lots, guint n_lots, gint64 from, gint64 qty, const char *reason,
            GError **error)
{
  char *number = doc (gen, "DSP", 5, ++gen->n_disposal);

  for (guint i = 0; i < n_lots; i++)
    {
      if (from != 0)
        {
          ev_add (gen, LOTLINE_LINE_INPUT, lots[i], from, qty);
          ev_add (gen, LOTLINE_LINE_OUTPUT, lots[i], gen->scrap, qty);
        }
      else
        ev_add_move_all (gen, lots[i], gen->scrap);
    }
  if (!ev_record (gen, LOTLINE_EVENT_TRANSFER, USER_QA, next_time (gen, 0), 0, "disposal", number, NULL, error))
    return FALSE;

  number = doc (gen, "DSP", 5, gen->n_disposal);
  for (guint i = 0; i < n_lots; i++)
    {
      gint64 at_scrap = lot_qty_at (lot_at (gen, lots[i]), gen->scrap);

      if (at_scrap > 0)
        ev_add (gen, LOTLINE_LINE_INPUT, lots[i], gen->scrap, at_scrap);
    }
  return ev_record (gen, LOTLINE_EVENT_DESTROY, USER_QA, next_time (gen, 0), 0, "disposal", number, reason, error);
}

static gboolean
end_hold (Gen *gen, guint32 index, GError **error)
{
  Lot *lot = lot_at (gen, index);
  gboolean finished = gen->products[lot->product].kind == LOTLINE_PRODUCT_FINISHED;
  gint64 held = lot_qty_at (lot, gen->quarantine);
  char *number;

  if (lot->status != LOTLINE_LOT_QUARANTINED)
    return TRUE;

  if (held > 0 && !chance (gen, finished ? 0.75 : 0.6))
    return scrap_lots (gen, &index, 1, gen->quarantine, held, "damaged", error);

  number = doc (gen, "QH", 5, ++gen->n_hold);
  ev_add (gen, LOTLINE_LINE_SUBJECT, index, 0, 0);
  if (!ev_record (gen, LOTLINE_EVENT_RELEASE, USER_QA, next_time (gen, PHASE_QA), 0, "QA hold", number,
                  finished ? "QA released: retest passed" : "QA released: supplier documents received", error))
    return FALSE;
  if (held > 0)
    {
      lot = lot_at (gen, index);
      number = doc (gen, "QH", 5, gen->n_hold);
      ev_add (gen, LOTLINE_LINE_INPUT, index, gen->quarantine, held);
      ev_add (gen, LOTLINE_LINE_OUTPUT, index, lot->home, held);
      if (!ev_record (gen, LOTLINE_EVENT_TRANSFER, USER_QA, next_time (gen, PHASE_QA), 0, "QA hold", number, NULL, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
receive_return (Gen *gen, const Pending *p, GError **error)
{
  const Lot *lot = lot_at (gen, p->lot);
  gboolean breakage = chance (gen, 0.6);
  char *number;

  if (lot->status == LOTLINE_LOT_DESTROYED)
    return TRUE;
  number = doc (gen, "RMA", 5, ++gen->n_rma);
  ev_add (gen, LOTLINE_LINE_OUTPUT, p->lot, gen->quarantine, p->qty);
  if (!ev_record (gen, LOTLINE_EVENT_RETURN, USER_QA, next_time (gen, PHASE_QA), p->party, "RMA", number,
                  breakage ? "Breakage in transit" : "Delivered in error", error))
    return FALSE;
  add_pending (gen, gen->day + rnd (gen, 1, 3), breakage ? PENDING_RETURN_SCRAP : PENDING_RETURN_RESTOCK,
               p->lot, gen->n_rma, p->qty, 0);
  return TRUE;
}

static gboolean
settle_return (Gen *gen, const Pending *p, GError **error)
{
  const Lot *lot = lot_at (gen, p->lot);
  gint64 qty = MIN (p->qty, lot_qty_at (lot, gen->quarantine));
  char *number;

  if (qty <= 0)
    return TRUE;
  if (p->kind == PENDING_RETURN_SCRAP)
    return scrap_lots (gen, &p->lot, 1, gen->quarantine, qty, "damaged", error);
  if (lot->status != LOTLINE_LOT_RELEASED || lot->expires < gen->day)
    return scrap_lots (gen, &p->lot, 1, gen->quarantine, qty, lot->expires < gen->day ? "expired" : "damaged", error);

  number = doc (gen, "RMA", 5, p->number);
  ev_add (gen, LOTLINE_LINE_INPUT, p->lot, gen->quarantine, qty);
  ev_add (gen, LOTLINE_LINE_OUTPUT, p->lot, lot->home, qty);
  return ev_record (gen, LOTLINE_EVENT_TRANSFER, USER_QA, next_time (gen, PHASE_QA), 0, "RMA", number, NULL, error);
}

static gboolean
run_pending (Gen *gen, GError **error)
{
  g_autoptr(GArray) due = NULL;
  GArray *later;

  /* QA and returns work office hours; what falls due at a weekend waits. */
  if (gen->weekday > G_DATE_FRIDAY)
    return TRUE;
  gen->clock = MAX (gen->clock, PHASE_QA);

  due = g_array_new (FALSE, FALSE, sizeof (Pending));
  later = g_array_new (FALSE, FALSE, sizeof (Pending));
  for (guint i = 0; i < gen->pending->len; i++)
    {
      const Pending *p = &g_array_index (gen->pending, Pending, i);

      g_array_append_val (p->day <= gen->day ? due : later, *p);
    }
  g_array_unref (gen->pending);
  gen->pending = later;

  for (guint i = 0; i < due->len; i++)
    {
      const Pending *p = &g_array_index (due, Pending, i);
      gboolean ok = TRUE;

      switch ((PendingKind) p->kind)
        {
        case PENDING_HOLD_END: ok = end_hold (gen, p->lot, error); break;
        case PENDING_RETURN: ok = receive_return (gen, p, error); break;
        case PENDING_RETURN_SCRAP:
        case PENDING_RETURN_RESTOCK: ok = settle_return (gen, p, error); break;
        default: g_assert_not_reached ();
        }
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/* Writes off all the stock of expired lots where it lies, as the app's
 * "write off as expired" does: one destroy event with reason "expired", so
 * the waste report can say in which warehouse it expired. */
static gboolean
write_off_expired (Gen *gen, const guint32 *lots, guint n_lots, GError **error)
{
  char *number = doc (gen, "DSP", 5, ++gen->n_disposal);

  for (guint i = 0; i < n_lots; i++)
    {
      const Lot *lot = lot_at (gen, lots[i]);
      Slot slots[MAX_SLOTS];
      guint n = lot->n_slots;

      memcpy (slots, lot->slots, sizeof slots);
      for (guint s = 0; s < n; s++)
        if (slots[s].qty > 0)
          ev_add (gen, LOTLINE_LINE_INPUT, lots[i], slots[s].loc, slots[s].qty);
    }
  return ev_record (gen, LOTLINE_EVENT_DESTROY, USER_QA, next_time (gen, 0), 0, "disposal", number,
                    LOTLINE_WRITE_OFF_EXPIRED, error);
}

/* Expired stock is written off once a month: what expired in the last week
 * is still being counted, and some of the rest waits for the next round, as
 * it does in a real plant. */
static gboolean
dispose_expired (Gen *gen, GError **error)
{
  g_autoptr(GArray) batch = g_array_new (FALSE, FALSE, sizeof (guint32));

  gen->clock = MAX (gen->clock, PHASE_CLEANUP);
  for (guint32 i = 0; i < gen->lots->len; i++)
    {
      const Lot *lot = lot_at (gen, i);

      if (lot->n_slots == 0 || lot->status != LOTLINE_LOT_RELEASED || lot->expires >= gen->day - 7 ||
          !chance (gen, 0.85))
        continue;
      g_array_append_val (batch, i);
      if ((batch->len + 1) * MAX_SLOTS > MAX_LINES)
        {
          if (!write_off_expired (gen, (guint32 *) batch->data, batch->len, error))
            return FALSE;
          g_array_set_size (batch, 0);
        }
    }
  if (batch->len > 0)
    return write_off_expired (gen, (guint32 *) batch->data, batch->len, error);
  return TRUE;
}

/* ---- the day's work --------------------------------------------------- */

static gboolean
receive (Gen *gen, guint p, GError **error)
{
  Product *product = &gen->products[p];
  gboolean opening = gen->day == gen->opening_day;
  gboolean fruit = p <= P_BLUEBERRIES;
  gint64 want, have, lot_qty;
  guint n_lots, week = (guint) (gen->day / 7);

  want = gen->need[p] * product->cover;
  if (fruit)
    want = want * 106 / 100;
  if (opening)
    want *= 2;
  want = MAX (want, gen->min_stock[p]);
  have = usable_qty (gen, p, WH_A, gen->day + (fruit ? 3 : 0));
  want -= have;
  if (want <= 0)
    return TRUE;

  n_lots = (guint) ((want + product->lot_size - 1) / product->lot_size);
  lot_qty = round_up (want / n_lots, product->round_to);

  for (guint s = 0; s < product->n_suppliers; s++)
    {
      guint supplier = product->suppliers[s];
      g_autoptr(GArray) held = g_array_new (FALSE, FALSE, sizeof (guint32));
      char *number = NULL;

      for (guint i = 0; i < n_lots; i++)
        {
          LotlineLotSpec *spec;
          int produced, expires;
          guint32 index;
          gint64 qty;
          char supplier_lot[32];

          if ((week + i) % product->n_suppliers != s)
            continue;

          if (number == NULL)
            number = doc (gen, "PO", 6, ++gen->n_po);

          produced = fruit ? gen->day - rnd (gen, 0, 1)
                   : gen->day - rnd (gen, 5, product->shelf_life > 0 ? MIN (90, product->shelf_life / 4) : 120);
          expires = product->shelf_life >= 0 ? produced + product->shelf_life : G_MAXINT;
          index = new_lot (gen, p, random_bin (gen, product->zone), expires);
          qty = lot_qty + product->round_to * rnd (gen, -1, 1);
          qty = MAX (qty, product->round_to);

          g_snprintf (supplier_lot, sizeof supplier_lot, "%s%s%03u-%c",
                      supplier_defs[supplier].lot_prefix, gen->yymmdd, (guint) rnd (gen, 1, 999),
                      'A' + (char) (i % 26));
          spec = ev_add_new (gen, index, lot_at (gen, index)->home, qty);
          spec->produced_on = day_text (gen, produced);
          if (expires != G_MAXINT)
            spec->expires_on = day_text (gen, expires);
          spec->supplier_id = gen->suppliers[supplier];
          spec->supplier_lot = g_string_chunk_insert (gen->chunk, supplier_lot);
          if (product->ftl)
            {
              g_autofree char *gln = gs1_with_check (supplier_defs[supplier].gln);
              g_autofree char *source = g_strdup_printf ("%s, %s, %s (GLN %s)", supplier_defs[supplier].name,
                                                         supplier_defs[supplier].city,
                                                         supplier_defs[supplier].region, gln);

              spec->tlc_source = g_string_chunk_insert (gen->chunk, source);
            }
          if (fruit && !opening && chance (gen, 0.02))
            g_array_append_val (held, index);

          if (gen->ev.n >= TRUCK_LINES)
            {
              if (!ev_record (gen, LOTLINE_EVENT_RECEIVE, USER_RECEIVING, next_time (gen, PHASE_RECEIVE),
                              gen->suppliers[supplier], "PO", number, NULL, error))
                return FALSE;
              number = doc (gen, "PO", 6, gen->n_po);
            }
        }
      if (gen->ev.n > 0 &&
          !ev_record (gen, LOTLINE_EVENT_RECEIVE, USER_RECEIVING, next_time (gen, PHASE_RECEIVE),
                      gen->suppliers[supplier], "PO", number, NULL, error))
        return FALSE;

      for (guint i = 0; i < held->len; i++)
        if (!hold (gen, g_array_index (held, guint32, i), PICK (gen, raw_hold_reasons),
                   gen->day + rnd (gen, 1, 2), error))
          return FALSE;
    }
  return TRUE;
}

static gboolean
receive_day (Gen *gen, GError **error)
{
  gboolean opening = gen->day == gen->opening_day;

  if (gen->day < gen->opening_day || (!opening && gen->weekday > G_DATE_FRIDAY))
    return TRUE;
  for (guint p = 0; p < N_PURCHASED; p++)
    if ((opening || (int) gen->weekday == gen->products[p].receipt_day) && !receive (gen, p, error))
      return FALSE;
  return TRUE;
}

/* How much of a batch of @batch_g the stock of @product allows. */
static gint64
limit_batch (Gen *gen, guint product, int per_mille, gint64 batch_g)
{
  gint64 available = usable_qty (gen, product, WH_A, gen->day);

  return MIN (batch_g, available * 1000 / per_mille);
}

static gboolean
fill (Gen *gen, guint fruit, guint size, guint32 base, gint64 base_g, gint64 *out_jars, GError **error)
{
  guint i = fruit * N_SIZES + size;
  guint jar = size == SIZE_340 ? P_JAR_340 : P_JAR_227;
  gint64 jars = base_g / size_grams[size];
  gint64 labels;
  guint32 index;
  LotlineLotSpec *spec;
  char *number;

  /* Packaging runs short now and then; the rest of the base waits. */
  jars = MIN (jars, usable_qty (gen, jar, WH_A, gen->day) / 1000);
  jars = MIN (jars, usable_qty (gen, P_LID, WH_A, gen->day) / 1000);
  jars = MIN (jars, usable_qty (gen, P_LABEL + i, WH_A, gen->day) * 200 / 201 / 1000);
  *out_jars = 0;
  if (jars <= 0)
    return TRUE;
  if (jars * size_grams[size] < base_g - size_grams[size])
    base_g = jars * size_grams[size];
  labels = jars + jars / 200;

  ev_add (gen, LOTLINE_LINE_INPUT, base, gen->production, base_g);
  pick (gen, jar, WH_A, jars * 1000, gen->day);
  pick (gen, P_LID, WH_A, jars * 1000, gen->day);
  pick (gen, P_LABEL + i, WH_A, labels * 1000, gen->day);
  index = new_lot (gen, P_FINISHED + i, random_bin (gen, ZONE_FG_A), gen->day + JAM_SHELF_LIFE);
  spec = ev_add_new (gen, index, lot_at (gen, index)->home, jars * 1000);
  spec->expires_on = day_text (gen, gen->day + JAM_SHELF_LIFE);
  spec->best_before = spec->expires_on;

  number = g_string_chunk_insert (gen->chunk, lot_at (gen, index)->code);
  if (!ev_record (gen, LOTLINE_EVENT_PRODUCE, USER_PRODUCTION, next_time (gen, PHASE_PRODUCE), 0,
                  "batch record", number, NULL, error))
    return FALSE;

  if (chance (gen, 0.012) &&
      !hold (gen, index, PICK (gen, finished_hold_reasons), gen->day + rnd (gen, 2, 6), error))
    return FALSE;
  *out_jars = jars;
  return TRUE;
}

static gboolean
produce_fruit (Gen *gen, guint fruit, GError **error)
{
  gint64 need_g[N_SIZES];

  for (guint z = 0; z < N_SIZES; z++)
    {
      guint i = fruit * N_SIZES + z;
      gint64 target = (gen->demand[i][WH_A] + gen->demand[i][WH_B]) * STOCK_COVER_DAYS;
      gint64 have = usable_qty (gen, P_FINISHED + i, WH_A, gen->day) + usable_qty (gen, P_FINISHED + i, WH_B, gen->day);

      need_g[z] = MAX (0, target - have) * size_grams[z] / 1000;
    }

  for (int b = 0; b < gen->batch_cap[fruit] && need_g[0] + need_g[1] > 0; b++)
    {
      gint64 total = need_g[0] + need_g[1];
      gint64 batch_g, alloc[N_SIZES];
      guint32 base;
      LotlineLotSpec *spec;
      char *number;

      /* Kettles cook full batches; only a small shortfall gets a small one. */
      batch_g = total >= BATCH_G / 2 ? BATCH_G + 10000 * rnd (gen, -2, 2) : MAX (round_up (total, 10000), MIN_BATCH_G);
      batch_g = limit_batch (gen, P_STRAWBERRIES + fruit, RECIPE_FRUIT, batch_g);
      batch_g = limit_batch (gen, P_SUGAR, RECIPE_SUGAR, batch_g);
      batch_g = limit_batch (gen, P_PECTIN, RECIPE_PECTIN, batch_g);
      if (fruit != FRUIT_RASPBERRY)
        batch_g = limit_batch (gen, P_LEMON, RECIPE_LEMON, batch_g);
      batch_g = batch_g / 10000 * 10000;
      if (batch_g < MIN_BATCH_G)
        break;

      pick (gen, P_STRAWBERRIES + fruit, WH_A, batch_g * RECIPE_FRUIT / 1000, gen->day);
      pick (gen, P_SUGAR, WH_A, batch_g * RECIPE_SUGAR / 1000, gen->day);
      pick (gen, P_PECTIN, WH_A, batch_g * RECIPE_PECTIN / 1000, gen->day);
      if (fruit != FRUIT_RASPBERRY)
        pick (gen, P_LEMON, WH_A, batch_g * RECIPE_LEMON / 1000, gen->day);
      base = new_lot (gen, P_BASE + fruit, gen->production, gen->day + BASE_SHELF_LIFE);
      spec = ev_add_new (gen, base, gen->production, batch_g);
      spec->expires_on = day_text (gen, gen->day + BASE_SHELF_LIFE);
      number = g_string_chunk_insert (gen->chunk, lot_at (gen, base)->code);
      if (!ev_record (gen, LOTLINE_EVENT_PRODUCE, USER_PRODUCTION, next_time (gen, PHASE_PRODUCE), 0,
                      "batch record", number, NULL, error))
        return FALSE;

      /* The batch is filled into both sizes in proportion to what is short. */
      alloc[SIZE_340] = total > 0 ? batch_g * need_g[SIZE_340] / total : batch_g;
      if (alloc[SIZE_340] < MIN_FILL_G)
        alloc[SIZE_340] = 0;
      else if (batch_g - alloc[SIZE_340] < MIN_FILL_G)
        alloc[SIZE_340] = batch_g;
      alloc[SIZE_227] = batch_g - alloc[SIZE_340];

      for (guint z = 0; z < N_SIZES; z++)
        {
          gint64 jars = 0;

          if (alloc[z] == 0)
            continue;
          if (!fill (gen, fruit, z, base, alloc[z], &jars, error))
            return FALSE;
          need_g[z] = MAX (0, need_g[z] - jars * size_grams[z]);
        }
    }
  return TRUE;
}

static gboolean
produce_day (Gen *gen, GError **error)
{
  if (gen->weekday > G_DATE_FRIDAY)
    return TRUE;
  for (guint f = 0; f < N_FRUITS; f++)
    if (!produce_fruit (gen, f, error))
      return FALSE;
  return TRUE;
}

/* Keeps the distribution centre stocked with long-dated lots. */
static gboolean
transfer_day (Gen *gen, GError **error)
{
  char *number = NULL;

  if (gen->weekday > G_DATE_FRIDAY)
    return TRUE;
  for (guint i = 0; i < N_FINISHED; i++)
    {
      guint product = P_FINISHED + i;
      GArray *list = gen->fefo[product][WH_A];
      gint64 deficit = gen->demand[i][WH_B] * WH_B_COVER_DAYS - usable_qty (gen, product, WH_B, gen->day);

      if (deficit <= 0)
        continue;
      deficit = round_up (deficit, 10 * CASE_JARS * 1000);
      fefo_trim (gen, product, WH_A);
      for (guint k = gen->head[product][WH_A]; k < list->len && deficit > 0; k++)
        {
          guint32 index = g_array_index (list, guint32, k);
          Lot *lot = lot_at (gen, index);
          gint64 have = lot_qty_at (lot, lot->home), qty;

          if (have == 0 || !lot_usable (lot, gen->day + WH_B_MIN_LIFE))
            continue;
          qty = MIN (have, deficit);
          if (have - qty < 10 * CASE_JARS * 1000)
            qty = have;
          if (lot->away == 0)
            lot->away = random_bin (gen, ZONE_FG_B);
          if (number == NULL)
            number = doc (gen, "TO", 6, ++gen->n_to);
          ev_add (gen, LOTLINE_LINE_INPUT, index, lot->home, qty);
          ev_add (gen, LOTLINE_LINE_OUTPUT, index, lot->away, qty);
          deficit -= qty;
          if (gen->ev.n + 2 > TRANSFER_LINES)
            {
              if (!ev_record (gen, LOTLINE_EVENT_TRANSFER, USER_SHIPPING, next_time (gen, PHASE_TRANSFER), 0,
                              "transfer order", number, NULL, error))
                return FALSE;
              number = NULL;
            }
        }
    }
  if (gen->ev.n > 0)
    return ev_record (gen, LOTLINE_EVENT_TRANSFER, USER_SHIPPING, next_time (gen, PHASE_TRANSFER), 0,
                      "transfer order", number, NULL, error);
  return TRUE;
}

static gboolean
ship_order (Gen *gen, Customer *c, GError **error)
{
  gboolean include[N_FINISHED];
  gboolean any = FALSE;
  char *number;

  for (guint k = 0; k < c->n_skus; k++)
    any |= include[k] = chance (gen, 0.8);
  if (!any)
    include[rnd (gen, 0, c->n_skus - 1)] = TRUE;

  for (guint k = 0; k < c->n_skus; k++)
    {
      guint product = P_FINISHED + c->skus[k];
      gint64 want = (gint64) rnd (gen, c->min_cases, c->max_cases) * CASE_JARS * 1000;
      int min_expiry = gen->day + c->min_days_of[k];
      gint64 got;

      if (!include[k] || ev_full (gen, 1))
        continue;
      got = pick (gen, product, c->warehouse, want, min_expiry);
      if (got < want)
        pick (gen, product, 1 - c->warehouse, want - got, min_expiry);
    }
  if (gen->ev.n == 0)
    return TRUE;

  /* A few deliveries come back: broken jars, or goods sent in error. */
  if (chance (gen, 0.006))
    {
      guint line = rnd (gen, 0, gen->ev.n - 1);
      gint64 qty = MIN (gen->ev.lines[line].quantity, (gint64) rnd (gen, 1, 2) * CASE_JARS * 1000);

      add_pending (gen, gen->day + rnd (gen, 2, 6), PENDING_RETURN, gen->ev.lot[line], 0, qty, c->id);
    }

  number = doc (gen, "BOL", 7, ++gen->n_bol);
  return ev_record (gen, LOTLINE_EVENT_SHIP, USER_SHIPPING, next_time (gen, PHASE_SHIP), c->id, "BOL", number,
                    NULL, error);
}

static gboolean
ship_day (Gen *gen, GError **error)
{
  if (gen->weekday > G_DATE_FRIDAY)
    return TRUE;
  for (guint i = 0; i < gen->customers->len; i++)
    {
      Customer *c = &g_array_index (gen->customers, Customer, i);

      if (c->next_order > gen->day)
        continue;
      if (!ship_order (gen, c, error))
        return FALSE;
      c->next_order = next_working_day (gen->day + c->interval +
                                        (c->type == CUSTOMER_INDEPENDENT ? rnd (gen, -3, 3) : 0));
    }
  return TRUE;
}

static gboolean
simulate_day (Gen *gen, GError **error)
{
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_julian (&d, gen->day);

  if (!receive_day (gen, error) ||
      !run_pending (gen, error) ||
      !produce_day (gen, error) ||
      !transfer_day (gen, error) ||
      !ship_day (gen, error))
    return FALSE;

  /* Disposal runs on the first working day of the month. */
  if (gen->weekday <= G_DATE_FRIDAY && next_working_day (gen->day - (int) g_date_get_day (&d) + 1) == gen->day &&
      !dispose_expired (gen, error))
    return FALSE;
  return TRUE;
}

/* There is always at least one lot on hold at the end: a demo should show one. */
static gboolean
ensure_open_hold (Gen *gen, GError **error)
{
  for (guint32 i = 0; i < gen->lots->len; i++)
    if (lot_at (gen, i)->status == LOTLINE_LOT_QUARANTINED)
      return TRUE;

  /* The newest finished lot in stock, or failing that any lot in stock. */
  for (int pass = 0; pass < 2; pass++)
    for (guint32 i = gen->lots->len; i-- > 0;)
      {
        const Lot *lot = lot_at (gen, i);

        if (lot->status == LOTLINE_LOT_RELEASED && lot_total (lot) > 0 &&
            lot_qty_at (lot, gen->production) == 0 &&
            (pass == 1 || gen->products[lot->product].kind == LOTLINE_PRODUCT_FINISHED))
          {
            gen->clock = MAX (gen->clock, PHASE_SHIP);
            return hold (gen, i, pass == 0 ? "Customer complaint under investigation"
                                           : "Supplier notice under investigation",
                         gen->last_day + 7, error);
          }
      }
  return TRUE;
}

/* ---- entry point ------------------------------------------------------ */

static gboolean
parse_today (const char *today, int *out, GError **error)
{
  GDate d;

  g_date_clear (&d, 1);
  if (today == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      g_date_set_dmy (&d, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                      g_date_time_get_year (now));
    }
  else
    {
      if (!lotline_date_is_valid (today))
        {
          g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_INVALID_DATE,
                       _("“%s” is not a date. Give the last day of the demo history as YYYY-MM-DD."), today);
          return FALSE;
        }
      g_date_set_dmy (&d, atoi (today + 8), atoi (today + 5), atoi (today));
    }
  *out = (int) g_date_get_julian (&d);
  return TRUE;
}

static void
gen_clear (Gen *gen)
{
  for (guint p = 0; p < N_PRODUCTS; p++)
    {
      g_free (gen->products[p].sku);
      g_free (gen->products[p].name);
      g_free (gen->products[p].gtin);
      for (guint w = 0; w < N_WAREHOUSES; w++)
        g_clear_pointer (&gen->fefo[p][w], g_array_unref);
    }
  for (guint z = 0; z < N_ZONES; z++)
    g_clear_pointer (&gen->bins[z], g_array_unref);
  g_clear_pointer (&gen->lots, g_array_unref);
  g_clear_pointer (&gen->customers, g_array_unref);
  g_clear_pointer (&gen->pending, g_array_unref);
  g_clear_pointer (&gen->chunk, g_string_chunk_free);
  g_clear_pointer (&gen->rand, g_rand_free);
}

static gboolean
generate (Gen *gen, const LotlineDemoOptions *options, LotlineDemoProgress progress, gpointer user_data,
          GError **error)
{
  guint n_customers;

  set_day (gen, gen->first_day);
  if (!add_master_data (gen, error))
    return FALSE;

  n_customers = (guint) MAX (3.0, 2000.0 * options->scale + 0.5);
  for (guint i = 1; i <= n_customers; i++)
    if (!add_customer (gen, i, error))
      return FALSE;
  plan_purchases (gen);
  if (progress)
    progress (0.01, user_data);

  for (int day = gen->first_day; day <= gen->last_day; day++)
    {
      set_day (gen, day);
      if (g_cancellable_set_error_if_cancelled (options->cancellable, error) ||
          !simulate_day (gen, error))
        return FALSE;
      if (progress && (day - gen->first_day) % 7 == 6)
        progress (0.01 + 0.98 * (day - gen->first_day + 1) / (gen->last_day - gen->first_day + 1), user_data);
    }
  return ensure_open_hold (gen, error);
}

/**
 * lotline_demo_generate:
 * @store: an empty store
 * @options: scale, seed, anchor date
 * @progress: (nullable): progress callback
 * @user_data: data for @progress
 * @stats: (out) (optional): what was written
 * @error: return location for a #GError
 *
 * Fills an empty database with a deterministic, realistic history written
 * through the ledger's own operations, so it obeys every rule.
 *
 * The history is committed in batches for speed, so a failure part-way
 * leaves the batches written before it; generate into a new file.
 *
 * Returns: %TRUE on success; %LOTLINE_LEDGER_ERROR_INVALID when the
 *   database is not empty or the options make no sense
 */
gboolean
lotline_demo_generate (LotlineStore             *store,
                       const LotlineDemoOptions *options,
                       LotlineDemoProgress       progress,
                       gpointer                  user_data,
                       LotlineDemoStats         *stats,
                       GError                  **error)
{
  Gen gen = { 0 };
  LotlineStoreCounts counts;
  g_autofree char *saved_user = NULL;
  gint64 started = g_get_monotonic_time ();
  guint32 seed[2];
  int today;
  gboolean ok;

  g_return_val_if_fail (LOTLINE_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  if (!(options->scale > 0.0 && options->scale <= 1000.0))
    {
      g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_INVALID,
                   _("The demo scale must be greater than 0 and at most 1000; 1 gives about 2,000 customers."));
      return FALSE;
    }
  if (!parse_today (options->today, &today, error))
    return FALSE;
  if (!lotline_store_get_counts (store, &counts, error))
    return FALSE;
  if (counts.products + counts.parties + counts.locations + counts.lots + counts.events > 0)
    {
      g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_INVALID,
                   _("The database “%s” already holds data. Demo data can only be generated into a new, empty database: create a new file and try again."),
                   lotline_store_get_path (store));
      return FALSE;
    }

  gen.store = store;
  seed[0] = (guint32) (options->seed & 0xffffffff);
  seed[1] = (guint32) (options->seed >> 32);
  gen.rand = g_rand_new_with_seed_array (seed, 2);
  gen.last_day = today;
  gen.first_day = today - 364;
  gen.opening_day = next_working_day (gen.first_day);
  gen.step = CLAMP ((int) (60.0 / options->scale), 2, 300);
  gen.lots = g_array_sized_new (FALSE, FALSE, sizeof (Lot), (guint) (30000 * options->scale) + 64);
  gen.customers = g_array_new (FALSE, FALSE, sizeof (Customer));
  gen.pending = g_array_new (FALSE, FALSE, sizeof (Pending));
  gen.chunk = g_string_chunk_new (1024);
  for (guint p = 0; p < N_PRODUCTS; p++)
    for (guint w = 0; w < N_WAREHOUSES; w++)
      gen.fefo[p][w] = g_array_new (FALSE, FALSE, sizeof (guint32));
  for (guint z = 0; z < N_ZONES; z++)
    gen.bins[z] = g_array_new (FALSE, FALSE, sizeof (gint64));

  saved_user = g_strdup (lotline_store_get_user (store));
  ok = lotline_store_begin (store, error);
  if (ok)
    {
      gen.in_tx = TRUE;
      ok = generate (&gen, options, progress, user_data, error) && commit_batch (&gen, FALSE, error);
    }
  if (!ok)
    {
      if (gen.in_tx)
        lotline_store_rollback (store);
      if (error == NULL || !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_prefix_error (error, _("The demo data could not be generated: "));
    }

  lotline_store_set_now (store, 0);
  lotline_store_set_user (store, saved_user);
  gen_clear (&gen);

  if (ok && stats != NULL)
    {
      if (!lotline_store_get_counts (store, &counts, error))
        return FALSE;
      stats->products = counts.products;
      stats->parties = counts.parties;
      stats->lots = counts.lots;
      stats->events = counts.events;
      stats->event_lines = counts.event_lines;
      stats->seconds = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
    }
  if (ok && progress)
    progress (1.0, user_data);
  return ok;
}

/**
 * lotline_demo_find_trace_seeds:
 * @store: a store
 * @out_busiest_input: (out): the raw-material lot consumed into the most
 *   production events (most genealogy edges as a parent), or 0
 * @out_deepest_output: (out): the finished lot with the most grandparent
 *   edges, a good upstream seed, or 0
 * @error: return location for a #GError
 *
 * Picks the lots a benchmark traces: the widest downstream and a deep
 * upstream. Ties go to the lowest id, so the choice is stable.
 *
 * Returns: %TRUE when the queries ran
 */
gboolean
lotline_demo_find_trace_seeds (LotlineStore *store,
                               gint64       *out_busiest_input,
                               gint64       *out_deepest_output,
                               GError      **error)
{
  sqlite3_stmt *stmt;

  *out_busiest_input = 0;
  *out_deepest_output = 0;

  stmt = lotline_store_prepare (store,
                                "SELECT e.parent_lot_id FROM lot_edge AS e"
                                " JOIN lot ON lot.id = e.parent_lot_id JOIN product ON product.id = lot.product_id"
                                " WHERE product.kind = 'raw'"
                                " GROUP BY e.parent_lot_id ORDER BY count(*) DESC, e.parent_lot_id LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    *out_busiest_input = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  stmt = lotline_store_prepare (store,
                                "SELECT c.child_lot_id FROM lot_edge AS c"
                                " JOIN lot_edge AS g ON g.child_lot_id = c.parent_lot_id"
                                " JOIN lot ON lot.id = c.child_lot_id JOIN product ON product.id = lot.product_id"
                                " WHERE product.kind = 'finished'"
                                " GROUP BY c.child_lot_id ORDER BY count(*) DESC, c.child_lot_id LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    *out_deepest_output = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}
