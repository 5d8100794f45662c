/** Company names for generated customers and vendors: distinct, readable, and cheap to produce. */

const FIRST = ['Acme', 'Birch', 'Cedar', 'Delta', 'Elm', 'Falcon', 'Granite', 'Harbor', 'Iris', 'Juniper', 'Kestrel', 'Linden', 'Maple', 'Northgate', 'Oak', 'Pioneer', 'Quarry', 'Riverside', 'Summit', 'Thistle', 'Union', 'Valley', 'Willow', 'Yarrow', 'Zenith', 'Aspen', 'Beacon', 'Crescent', 'Dover', 'Evergreen', 'Fairview', 'Glen', 'Highland', 'Ivy', 'Jasper', 'Kingsway', 'Lakeside', 'Meadow', 'Nova', 'Orchard'];
const SECOND = ['Property', 'Retail', 'Holdings', 'Estates', 'Dental', 'Cafe', 'Fitness', 'Books', 'Logistics', 'Studio', 'Pharmacy', 'Bakery', 'Clinic', 'Partners', 'Tenants', 'Offices', 'Kitchen', 'Motors', 'Outfitters', 'Gallery', 'Market', 'Florist', 'Labs', 'Media', 'Foods', 'Wellness', 'Salon', 'Optics', 'Garden', 'Hardware', 'Print', 'Travel', 'Legal', 'Tailors', 'Toys', 'Cycles', 'Brewing', 'Audio', 'Pets', 'Games'];
const PLACE = ['London', 'Leeds', 'Bristol', 'Dublin', 'Austin', 'Denver', 'Boston', 'Sydney', 'Perth', 'Toronto', 'Calgary', 'Auckland', 'Cork', 'York', 'Bath', 'Cardiff', 'Glasgow', 'Dallas', 'Seattle', 'Portland', 'Phoenix', 'Madison', 'Oxford', 'Brighton', 'Belfast'];
const SUFFIX = ['Ltd', 'LLC', 'Inc', 'Co', 'Group', 'Trust', 'plc', 'Pty Ltd'];
const NAME_SPACE = FIRST.length * SECOND.length * PLACE.length * SUFFIX.length; // 320,000

/** A distinct company name per index (a bijection over the name space), with a stream offset. */
export function companyName(index: number, stream: number): string {
  let k = (index * 7919 + stream * 104729) % NAME_SPACE; // 7919 is prime and coprime to NAME_SPACE
  const a = k % FIRST.length;
  k = Math.floor(k / FIRST.length);
  const b = k % SECOND.length;
  k = Math.floor(k / SECOND.length);
  const c = k % PLACE.length;
  k = Math.floor(k / PLACE.length);
  const d = k % SUFFIX.length;
  const cycle = Math.floor(index / NAME_SPACE);
  return `${FIRST[a]} ${SECOND[b]} ${PLACE[c]} ${SUFFIX[d]}${cycle > 0 ? ` ${cycle + 1}` : ''}`;
}
